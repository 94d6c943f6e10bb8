// The map: an SVG drawn from /api/route's GeoJSON (no tiles, no network). An equirectangular projection fitted to the
// route, the destination and the charging stops; POIs outside that frame are left out.
const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 1000, HEIGHT = 700, PAD = 40;

export class RouteMap {
  constructor(svg) {
    this.svg = svg;
    this.route = svg.querySelector('#route');
    this.pois = svg.querySelector('#pois');
    this.stops = svg.querySelector('#stops');
    this.destination = svg.querySelector('#destination');
    this.car = svg.querySelector('#car');
    this.project = null;
    this.carAt = null;
  }

  /** Draws the collection: route, stops, destination, POIs; the car where the route says until the context moves it. */
  draw(collection) {
    const features = collection.features || [];
    const framed = features.filter(f => f.properties.kind !== 'poi');
    const points = framed.flatMap(f => f.geometry.type === 'LineString' ? f.geometry.coordinates : [f.geometry.coordinates]);
    if (points.length === 0) return;
    this.fit(points);
    const route = features.find(f => f.properties.kind === 'route');
    this.route.setAttribute('d', route ? this.path(route.geometry.coordinates) : '');
    this.route.dataset.throughCharger = route ? String(route.properties.through_charger) : 'false';
    this.stops.replaceChildren(...features.filter(f => f.properties.kind === 'charging_stop').map(f => {
      const c = this.circle(f.geometry.coordinates, f.properties.accepted ? 16 : 11, 'charging-stop');
      c.dataset.accepted = String(f.properties.accepted);
      c.dataset.id = f.properties.id;
      this.title(c, `Charging stop${f.properties.accepted ? ' (accepted)' : ''}: ${f.properties.name}, ${f.properties.power_kw} kW`);
      return c;
    }));
    this.destination.replaceChildren(...features.filter(f => f.properties.kind === 'destination').map(f => {
      const c = this.circle(f.geometry.coordinates, 13, 'destination');
      this.title(c, `Destination: ${f.properties.name}`);
      return c;
    }));
    this.pois.replaceChildren(...features.filter(f => f.properties.kind === 'poi' && this.inside(f.geometry.coordinates)).map(f => {
      const c = this.circle(f.geometry.coordinates, 5, 'poi');
      c.dataset.category = f.properties.category;
      this.title(c, `${f.properties.category}: ${f.properties.name}`);
      return c;
    }));
    const car = features.find(f => f.properties.kind === 'car');
    if (!this.carAt && car) this.moveCar(car.geometry.coordinates[1], car.geometry.coordinates[0], car.properties.heading_deg ?? 0);
    else if (this.carAt) this.moveCar(...this.carAt);
  }

  /** Puts the car at a position with a heading (degrees clockwise from north). */
  moveCar(lat, lon, heading) {
    this.carAt = [lat, lon, heading];
    if (!this.project) return;
    const [x, y] = this.project([lon, lat]);
    this.car.setAttribute('transform', `translate(${x.toFixed(1)} ${y.toFixed(1)}) rotate(${(heading || 0).toFixed(0)})`);
    this.car.dataset.x = x.toFixed(1);
    this.car.dataset.y = y.toFixed(1);
    this.car.dataset.heading = (heading || 0).toFixed(0);
  }

  fit(points) {
    let minLon = Infinity, maxLon = -Infinity, minLat = Infinity, maxLat = -Infinity;
    for (const [lon, lat] of points) {
      minLon = Math.min(minLon, lon); maxLon = Math.max(maxLon, lon);
      minLat = Math.min(minLat, lat); maxLat = Math.max(maxLat, lat);
    }
    const k = Math.cos((minLat + maxLat) / 2 * Math.PI / 180);
    const w = Math.max((maxLon - minLon) * k, 1e-5), h = Math.max(maxLat - minLat, 1e-5);
    const scale = Math.min((WIDTH - 2 * PAD) / w, (HEIGHT - 2 * PAD) / h);
    const x0 = (WIDTH - w * scale) / 2, y0 = (HEIGHT - h * scale) / 2;
    this.bounds = [minLon, maxLon, minLat, maxLat];
    this.project = ([lon, lat]) => [x0 + (lon - minLon) * k * scale, y0 + (maxLat - lat) * scale];
  }

  inside([lon, lat]) {
    const [minLon, maxLon, minLat, maxLat] = this.bounds;
    const m = 0.1 * Math.max(maxLon - minLon, maxLat - minLat);
    return lon >= minLon - m && lon <= maxLon + m && lat >= minLat - m && lat <= maxLat + m;
  }

  path(coordinates) {
    return coordinates.map((c, i) => {
      const [x, y] = this.project(c);
      return `${i === 0 ? 'M' : 'L'}${x.toFixed(1)} ${y.toFixed(1)}`;
    }).join(' ');
  }

  circle(coordinates, r, cls) {
    const [x, y] = this.project(coordinates);
    const c = document.createElementNS(SVG, 'circle');
    c.setAttribute('cx', x.toFixed(1));
    c.setAttribute('cy', y.toFixed(1));
    c.setAttribute('r', r);
    c.setAttribute('class', cls);
    return c;
  }

  title(element, text) {
    const t = document.createElementNS(SVG, 'title');
    t.textContent = text;
    element.appendChild(t);
  }
}

using EdgeAI.Vision;
using EdgeAI.Vision.Faces;
using EdgeAI.Vision.Monitoring;
using EdgeAI.Vision.Pipeline;
using Microsoft.ML.OnnxRuntime;

namespace EdgeAI.Cli.Bench;

/// <summary>
/// The vision figures: per-stage latency (capture, preprocess, inference, decode, monitor), bytes allocated per
/// frame, and the pipeline's inference stage against a bare <c>InferenceSession.Run</c> on the same input tensor,
/// in the same process and minute: rounds alternate pipeline and bare passes over the same frames, best round counts.
/// </summary>
internal sealed class VisionBench(OnnxFaceModel model, int rounds, TextWriter progress)
{
    public sealed record Figures(string Source, int Frames, IReadOnlyList<StageLatency> Stages, double PipelineMsPerFrame,
        double InferenceMsPerFrame, double BareRunMsPerFrame, double BytesPerFrame)
    {
        /// <summary>Inference stage over bare Run, in percent (goal ≤ 2).</summary>
        public double InferenceOverheadPercent => (InferenceMsPerFrame / BareRunMsPerFrame - 1) * 100;
        /// <summary>The whole per-frame pipeline (preprocess to monitor) over bare Run, in percent.</summary>
        public double PipelineOverheadPercent => (PipelineMsPerFrame / BareRunMsPerFrame - 1) * 100;
    }

    public async Task<Figures> RunAsync(IVideoSource source, int maxFrames, CancellationToken cancellation)
    {
        using var metrics = new VisionMetrics();
        var pipeline = new VisionPipeline(model, new DriverMonitor(DriverMonitorProfile.Default), metrics);
        // Capture: the source's own decode time, frame by frame; the frames are kept so every pass sees the same input.
        var frames = new List<VideoFrame>();
        while (frames.Count < maxFrames)
        {
            long start = TimeProvider.System.GetTimestamp();
            using var frame = await source.ReadAsync(cancellation).ConfigureAwait(false);
            if (frame is null) break;
            metrics.Capture.Record(TimeProvider.System.GetElapsedTime(start).TotalMilliseconds);
            var copy = new VideoFrame(frame.Length);
            copy.Reset(frame.Width, frame.Height, frame.Stride, frame.Format, frame.Index, frame.Timestamp);
            frame.Data.CopyTo(copy.Data);
            frames.Add(copy);
        }
        if (frames.Count == 0) throw new InvalidDataException($"{source.Name}: no frames to measure");
        progress.WriteLine($"bench vision: {frames.Count} frames from {source.Name}, {rounds} rounds");

        // The bare peer: the plain ORT API on the same tensor, outputs allocated by ORT as most applications run it.
        using var input = OrtValue.CreateTensorValueFromMemory(new float[model.Input.Length], [1, model.Variant.InputSize, model.Variant.InputSize, 3]);
        using var runOptions = new RunOptions();
        string[] inputNames = ["input:0"], outputNames = ["Identity:0", "Identity_1:0", "Identity_2:0", "Identity_3:0"];
        OrtValue[] inputs = [input];

        // Every pass replays the same frames: restamp them so the monitor sees time moving forward.
        var clock = TimeSpan.Zero;
        var step = TimeSpan.FromSeconds(1 / (source.FramesPerSecond > 0 ? source.FramesPerSecond : 30));
        void Restamp()
        {
            foreach (var f in frames)
            {
                f.Reset(f.Width, f.Height, f.Stride, f.Format, f.Index, clock);
                clock += step;
            }
        }
        Restamp();
        foreach (var frame in frames) pipeline.Process(frame); // warm-up
        double bestPipeline = double.MaxValue, bestInference = double.MaxValue, bestBare = double.MaxValue, bytes = 0;
        for (int round = 0; round < rounds; round++)
        {
            Restamp();
            double inferenceBefore = metrics.Inference.TotalMilliseconds;
            long allocated = GC.GetAllocatedBytesForCurrentThread();
            long start = TimeProvider.System.GetTimestamp();
            foreach (var frame in frames) pipeline.Process(frame);
            double pipelineMs = TimeProvider.System.GetElapsedTime(start).TotalMilliseconds / frames.Count;
            bytes = (double)(GC.GetAllocatedBytesForCurrentThread() - allocated) / frames.Count;
            double inferenceMs = (metrics.Inference.TotalMilliseconds - inferenceBefore) / frames.Count;

            double bareMs = 0;
            foreach (var frame in frames)
            {
                model.Input.CopyTo(input.GetTensorMutableDataAsSpan<float>()); // same tensor the pipeline last ran on
                long t = TimeProvider.System.GetTimestamp();
                using (model.Session.Run(runOptions, inputNames, inputs, outputNames)) { }
                bareMs += TimeProvider.System.GetElapsedTime(t).TotalMilliseconds;
            }
            bareMs /= frames.Count;
            progress.WriteLine($"  round {round + 1}: pipeline {pipelineMs:F3} ms/frame (inference {inferenceMs:F3}), bare Run {bareMs:F3} ms");
            bestPipeline = Math.Min(bestPipeline, pipelineMs);
            bestInference = Math.Min(bestInference, inferenceMs);
            bestBare = Math.Min(bestBare, bareMs);
        }
        var summary = pipeline.Summarize(source.Name, frames.Count, 0, source.DroppedFrames);
        foreach (var f in frames) f.Dispose();
        return new Figures(source.Name, frames.Count, summary.Stages, bestPipeline, bestInference, bestBare, bytes);
    }
}

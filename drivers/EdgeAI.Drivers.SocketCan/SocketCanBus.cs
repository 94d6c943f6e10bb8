using System.Runtime.InteropServices;
using EdgeAI.Can;
using EdgeAI.Can.Errors;
using EdgeAI.Drivers.SocketCan.Interop;

namespace EdgeAI.Drivers.SocketCan;

/// <summary>
/// A Linux SocketCAN interface (<c>can0</c>, <c>vcan0</c>) through a CAN_RAW socket: classic and FD frames, kernel
/// filters, error frames decoded into <see cref="State"/>, kernel receive timestamps (SO_TIMESTAMPING) and batched
/// recvmmsg/sendmmsg. Native buffers are allocated once, so neither direction allocates per frame.
/// </summary>
public sealed unsafe class SocketCanBus : ICanBus
{
    private readonly SafeSocketCanHandle _socket;
    private readonly SocketCanOptions _options;
    private readonly int _batch;
    private readonly mmsghdr* _messages;
    private readonly iovec* _iovecs;
    private readonly byte* _frames;
    private readonly byte* _control;
    private readonly byte* _sendFrame;
    private long _sendRefused;
    private long _receiveDropped;
    private int _noBufferPending;
    private long _received;
    private long _sent;
    private bool _disposed;

    private SocketCanBus(string name, SafeSocketCanHandle socket, SocketCanOptions options)
    {
        Name = name;
        _socket = socket;
        _options = options;
        _batch = Math.Max(1, options.BatchSize);
        _messages = (mmsghdr*)NativeMemory.AllocZeroed((nuint)(_batch * sizeof(mmsghdr)));
        _iovecs = (iovec*)NativeMemory.AllocZeroed((nuint)(_batch * sizeof(iovec)));
        _frames = (byte*)NativeMemory.AllocZeroed((nuint)(_batch * Native.CANFD_MTU));
        _control = (byte*)NativeMemory.AllocZeroed((nuint)(_batch * Native.ReceiveControlSpace));
        _sendFrame = (byte*)NativeMemory.AllocZeroed(Native.CANFD_MTU);
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public CanBusState State { get; private set; } = CanBusState.Unknown;

    /// <summary>Sends refused because the kernel's queue was full (EAGAIN/ENOBUFS): back-pressure, not loss.</summary>
    public long SendRefused => Interlocked.Read(ref _sendRefused);

    /// <summary>Frames the kernel dropped because this socket's receive queue was full (SO_RXQ_OVFL, cumulative since open):
    /// a reader that falls behind sees this grow instead of losing frames silently.</summary>
    public long ReceiveDropped => Interlocked.Read(ref _receiveDropped);

    /// <summary>Frames received so far (error frames included).</summary>
    public long Received => _received;

    /// <summary>Frames handed to the kernel so far.</summary>
    public long Sent => _sent;

    /// <summary>The last error frame received, if any (its ToString() describes it, e.g. "bus-off").</summary>
    public CanErrorFrame? LastError { get; private set; }

    /// <summary>Null when this kernel can open CAN_RAW sockets; otherwise the reason and what to do.</summary>
    public static string? ProbeKernelSupport()
    {
        int fd = Native.socket(Native.AF_CAN, Native.SOCK_RAW | Native.SOCK_CLOEXEC, Native.CAN_RAW);
        if (fd >= 0)
        {
            Native.close(fd);
            return null;
        }
        int errno = Marshal.GetLastPInvokeError();
        return errno == Native.EAFNOSUPPORT
            ? "this kernel has no SocketCAN (AF_CAN) support; load can/can_raw (modprobe can_raw) or use --to sim"
            : $"socket(AF_CAN) failed: {Native.ErrorText(errno)}";
    }

    /// <summary>Opens a CAN_RAW socket on <paramref name="interfaceName"/>.</summary>
    /// <exception cref="CanBusException">no AF_CAN in this kernel, no such interface, or a socket option was refused.</exception>
    public static SocketCanBus Open(string interfaceName, SocketCanOptions? options = null)
    {
        options ??= new SocketCanOptions();
        int fd = Native.socket(Native.AF_CAN, Native.SOCK_RAW | Native.SOCK_NONBLOCK | Native.SOCK_CLOEXEC, Native.CAN_RAW);
        if (fd < 0) throw SocketCanErrors.From(interfaceName, "socket(AF_CAN)", Marshal.GetLastPInvokeError());
        var socket = new SafeSocketCanHandle(fd);
        try
        {
            uint index = Native.if_nametoindex(interfaceName);
            if (index == 0) throw SocketCanErrors.From(interfaceName, "if_nametoindex", Native.ENODEV);
            Configure(socket, interfaceName, options);
            var address = new sockaddr_can { can_family = Native.AF_CAN, can_ifindex = (int)index };
            if (Native.bind(socket, &address, sizeof(sockaddr_can)) != 0)
                throw SocketCanErrors.From(interfaceName, "bind", Marshal.GetLastPInvokeError());
            return new SocketCanBus(interfaceName, socket, options);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Wraps a socket that is already set up (tests hand in one end of a SOCK_SEQPACKET pair, which carries the
    /// same 16/72-byte messages through the same recvmmsg/sendmmsg/poll paths).</summary>
    internal static SocketCanBus Attach(string name, SafeSocketCanHandle socket, SocketCanOptions? options = null) =>
        new(name, socket, options ?? new SocketCanOptions());

    /// <inheritdoc/>
    public bool TrySend(in CanFrame frame)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int size = SocketCanFrameCodec.Encode(in frame, new Span<byte>(_sendFrame, Native.CANFD_MTU));
        nint written = Native.send(_socket, _sendFrame, (nuint)size, Native.MSG_DONTWAIT);
        if (written == size)
        {
            _sent++;
            return true;
        }
        int errno = Marshal.GetLastPInvokeError();
        if (Refused(errno)) return false;
        throw SocketCanErrors.From(Name, "send", errno);
    }

    /// <summary>Sends as many of <paramref name="frames"/> as the kernel takes in one sendmmsg; returns how many.</summary>
    public int TrySend(ReadOnlySpan<CanFrame> frames)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int count = Math.Min(frames.Length, _batch);
        for (int i = 0; i < count; i++)
        {
            byte* buffer = _frames + i * Native.CANFD_MTU;
            int size = SocketCanFrameCodec.Encode(in frames[i], new Span<byte>(buffer, Native.CANFD_MTU));
            _iovecs[i] = new iovec { iov_base = buffer, iov_len = (nuint)size };
            _messages[i] = default;
            _messages[i].msg_hdr.msg_iov = &_iovecs[i];
            _messages[i].msg_hdr.msg_iovlen = 1;
        }
        int sent = Native.sendmmsg(_socket, _messages, (uint)count, Native.MSG_DONTWAIT);
        if (sent >= 0)
        {
            _sent += sent;
            if (sent < count) Interlocked.Increment(ref _sendRefused);
            return sent;
        }
        int errno = Marshal.GetLastPInvokeError();
        if (Refused(errno)) return 0;
        throw SocketCanErrors.From(Name, "sendmmsg", errno);
    }

    /// <inheritdoc/>
    /// <remarks>After ENOBUFS (the device queue, not the socket, was full) poll may report the socket writable at once,
    /// so the first wait after one pauses <see cref="SocketCanOptions.NoBufferRetry"/> instead of spinning.</remarks>
    public ValueTask<bool> WaitToSendAsync(CancellationToken cancellation = default)
    {
        bool noBuffers = Interlocked.Exchange(ref _noBufferPending, 0) != 0;
        return WaitAsync(Native.POLLOUT, noBuffers ? _options.NoBufferRetry : TimeSpan.Zero, cancellation);
    }

    /// <inheritdoc/>
    public int TryReceive(Span<CanFrame> frames)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int count = Math.Min(frames.Length, _batch);
        if (count == 0) return 0;
        for (int i = 0; i < count; i++)
        {
            _iovecs[i] = new iovec { iov_base = _frames + i * Native.CANFD_MTU, iov_len = Native.CANFD_MTU };
            ref var header = ref _messages[i].msg_hdr;
            header = default;
            header.msg_iov = &_iovecs[i];
            header.msg_iovlen = 1;
            header.msg_control = _control + i * Native.ReceiveControlSpace;
            header.msg_controllen = Native.ReceiveControlSpace;
        }
        int received = Native.recvmmsg(_socket, _messages, (uint)count, Native.MSG_DONTWAIT, null);
        if (received < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno is Native.EAGAIN or Native.EINTR) return 0;
            throw SocketCanErrors.From(Name, "recvmmsg", errno);
        }
        for (int i = 0; i < received; i++)
        {
            ref var message = ref _messages[i];
            var bytes = new ReadOnlySpan<byte>(_frames + i * Native.CANFD_MTU, (int)message.msg_len);
            bool own = (message.msg_hdr.msg_flags & Native.MSG_CONFIRM) != 0;
            frames[i] = SocketCanFrameCodec.Decode(bytes, ReadControl(ref message.msg_hdr), _options.Channel, own);
            if (CanErrorFrame.TryDecode(in frames[i], out var error))
            {
                if (error.State is { } state) State = state;
                LastError = error;
            }
            else if (State == CanBusState.Unknown) State = CanBusState.ErrorActive;
        }
        _received += received;
        return received;
    }

    /// <inheritdoc/>
    public ValueTask<bool> WaitToReceiveAsync(CancellationToken cancellation = default) => WaitAsync(Native.POLLIN, TimeSpan.Zero, cancellation);

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        State = CanBusState.Stopped;
        _socket.Dispose();
        NativeMemory.Free(_messages);
        NativeMemory.Free(_iovecs);
        NativeMemory.Free(_frames);
        NativeMemory.Free(_control);
        NativeMemory.Free(_sendFrame);
    }

    private static void Configure(SafeSocketCanHandle socket, string name, SocketCanOptions options)
    {
        if (options.Fd) SetInt(socket, name, Native.SOL_CAN_RAW, Native.CAN_RAW_FD_FRAMES, 1);
        SetInt(socket, name, Native.SOL_CAN_RAW, Native.CAN_RAW_ERR_FILTER, (int)options.ErrorClasses & (int)Native.CAN_ERR_MASK);
        SetInt(socket, name, Native.SOL_CAN_RAW, Native.CAN_RAW_LOOPBACK, options.Loopback ? 1 : 0);
        SetInt(socket, name, Native.SOL_CAN_RAW, Native.CAN_RAW_RECV_OWN_MSGS, options.ReceiveOwnMessages ? 1 : 0);
        if (options.Filters.Count > 0)
        {
            var filters = new can_filter[options.Filters.Count];
            for (int i = 0; i < filters.Length; i++) filters[i] = options.Filters[i].ToKernel();
            fixed (can_filter* p = filters)
                if (Native.setsockopt(socket, Native.SOL_CAN_RAW, Native.CAN_RAW_FILTER, p, filters.Length * sizeof(can_filter)) != 0)
                    throw SocketCanErrors.From(name, "setsockopt(CAN_RAW_FILTER)", Marshal.GetLastPInvokeError());
        }
        SetInt(socket, name, Native.SOL_SOCKET, Native.SO_RXQ_OVFL, 1);
        if (options.Timestamps)
            SetInt(socket, name, Native.SOL_SOCKET, Native.SO_TIMESTAMPING, Native.SOF_TIMESTAMPING_RX_SOFTWARE | Native.SOF_TIMESTAMPING_SOFTWARE
                | Native.SOF_TIMESTAMPING_RX_HARDWARE | Native.SOF_TIMESTAMPING_RAW_HARDWARE);
    }

    private static void SetInt(SafeSocketCanHandle socket, string name, int level, int option, int value)
    {
        if (Native.setsockopt(socket, level, option, &value, sizeof(int)) != 0)
            throw SocketCanErrors.From(name, $"setsockopt({level}, {option})", Marshal.GetLastPInvokeError());
    }

    /// <summary>A refused send is back-pressure, counted; ENOBUFS also makes the next wait pause (poll cannot see it clear).</summary>
    private bool Refused(int errno)
    {
        if (errno is not (Native.EAGAIN or Native.ENOBUFS)) return false;
        Interlocked.Increment(ref _sendRefused);
        if (errno == Native.ENOBUFS) Volatile.Write(ref _noBufferPending, 1);
        return true;
    }

    /// <summary>Walks a received message's control data: returns the raw hardware timestamp when the controller gave one,
    /// else the kernel's software receive time (0 without either), and takes the kernel's drop counter when present.</summary>
    private long ReadControl(ref msghdr header)
    {
        byte* control = (byte*)header.msg_control;
        nuint length = header.msg_controllen;
        nuint offset = 0;
        long timestamp = 0;
        while (offset + (nuint)sizeof(cmsghdr) <= length)
        {
            var cmsg = (cmsghdr*)(control + offset);
            if (cmsg->cmsg_len < (nuint)sizeof(cmsghdr) || offset + cmsg->cmsg_len > length) break;
            byte* data = (byte*)cmsg + Native.CmsgDataOffset;
            if (cmsg->cmsg_level == Native.SOL_SOCKET && cmsg->cmsg_type == Native.SO_TIMESTAMPING)
            {
                var stamps = (scm_timestamping*)data;
                var chosen = stamps->hardware.tv_sec != 0 || stamps->hardware.tv_nsec != 0 ? stamps->hardware : stamps->software;
                timestamp = chosen.tv_sec * 1_000_000_000L + chosen.tv_nsec;
            }
            else if (cmsg->cmsg_level == Native.SOL_SOCKET && cmsg->cmsg_type == Native.SO_RXQ_OVFL)
            {
                Interlocked.Exchange(ref _receiveDropped, *(uint*)data);
            }
            offset += (cmsg->cmsg_len + 7) & ~(nuint)7;
        }
        return timestamp;
    }

    private ValueTask<bool> WaitAsync(short events, TimeSpan pause, CancellationToken cancellation)
    {
        if (_disposed) return new ValueTask<bool>(false);
        if (pause <= TimeSpan.Zero && Poll(events, 0)) return new ValueTask<bool>(true);
        var clock = _options.TimeProvider;
        return new ValueTask<bool>(Task.Run(() =>
        {
            // This worker blocks in poll() anyway, so it may as well block through the ENOBUFS pause.
            if (pause > TimeSpan.Zero) Task.Delay(pause, clock, cancellation).GetAwaiter().GetResult();
            // Short poll slices keep cancellation and Dispose responsive.
            while (!_disposed)
            {
                cancellation.ThrowIfCancellationRequested();
                if (Poll(events, events == Native.POLLOUT ? 1 : 50)) return true;
            }
            return false;
        }, cancellation));
    }

    /// <summary>
    /// Ready for the caller's read or write, or in error: POLLERR, POLLHUP and POLLNVAL count as ready so that the
    /// recv/send that follows fails with the socket's error (ENETDOWN when the interface goes down) instead of this
    /// loop polling again at full speed.
    /// </summary>
    internal static bool IsReady(short revents, short events) =>
        (revents & (events | Native.POLLERR | Native.POLLHUP | Native.POLLNVAL)) != 0;

    private bool Poll(short events, int timeoutMs)
    {
        bool added = false;
        try
        {
            if (_socket.IsClosed) return false;
            _socket.DangerousAddRef(ref added);
            var fd = new pollfd { fd = _socket.Fd, events = events };
            int ready = Native.poll(&fd, 1, timeoutMs);
            if (ready < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno == Native.EINTR) return false; // a signal: poll again
                throw SocketCanErrors.From(Name, "poll", errno);
            }
            return ready > 0 && IsReady(fd.revents, events);
        }
        catch (ObjectDisposedException)
        {
            return false; // closed by Dispose between the check and the poll
        }
        finally
        {
            if (added) _socket.DangerousRelease();
        }
    }
}

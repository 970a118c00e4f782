package io.minewatch.gateway.history.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The body of a chunked HTTP response as an {@link OutputStream}, for a worker thread (never an event loop) that
 * produces it: bytes go out in chunks of {@link #CHUNK_BYTES}, and when the channel's outbound buffer is above its
 * high-water mark the writer waits until that chunk is on the wire, so a slow client slows the query down instead of
 * filling the heap. A closed connection fails the next write with an {@link IOException}, which stops the query.
 */
public final class ChannelOutputStream extends OutputStream {

    static final int CHUNK_BYTES = 16 * 1024;

    private final Channel channel;
    private byte[] buffer = new byte[CHUNK_BYTES];
    private int size;
    private boolean closed;

    public ChannelOutputStream(Channel channel) {
        this.channel = channel;
    }

    @Override
    public void write(int b) throws IOException {
        if (size == buffer.length) {
            flushChunk();
        }
        buffer[size++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            if (size == buffer.length) {
                flushChunk();
            }
            int n = Math.min(length, buffer.length - size);
            System.arraycopy(bytes, offset, buffer, size, n);
            size += n;
            offset += n;
            length -= n;
        }
    }

    @Override
    public void flush() throws IOException {
        flushChunk();
    }

    private void flushChunk() throws IOException {
        if (!channel.isActive()) {
            throw new IOException("client " + channel.remoteAddress() + " closed the connection");
        }
        if (size == 0) {
            return;
        }
        byte[] chunk = size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
        buffer = new byte[CHUNK_BYTES];
        size = 0;
        ChannelFuture written = channel.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(chunk)));
        if (!channel.isWritable()) {
            written.awaitUninterruptibly();
            if (!written.isSuccess()) {
                throw new IOException("client " + channel.remoteAddress() + " gone: " + written.cause());
            }
        }
    }

    /** Sends what is buffered and ends the response. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        flushChunk();
        channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    }
}

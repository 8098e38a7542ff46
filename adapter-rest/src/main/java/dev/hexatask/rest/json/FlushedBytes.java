package dev.hexatask.rest.json;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * Collects what a JSON generator flushes into one array. The generator fills its own (pooled) buffer and flushes it
 * when full or at the end, so a body that fits in that buffer, as a page of tasks does, arrives in one piece and is
 * copied once, at its exact size: no growing buffer and no final trimming copy, as {@code writeValueAsBytes} makes.
 */
final class FlushedBytes extends OutputStream {

    private byte[] bytes = new byte[0];
    private int length;

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] chunk, int offset, int count) {
        if (length == 0) {
            bytes = Arrays.copyOfRange(chunk, offset, offset + count);
            length = count;
            return;
        }
        if (length + count > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(length + count, 2 * bytes.length));
        }
        System.arraycopy(chunk, offset, bytes, length, count);
        length += count;
    }

    byte[] toByteArray() {
        return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
    }
}

package dev.modelport.flavor.pyfunc;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One frame between the JVM and a Python worker: a big-endian uint32 part count, then per part a
 * big-endian uint32 length and its bytes. Part 0 is the JSON header, the others hold column and
 * tensor values ({@code .npy} bytes or JSON lists), referenced from the header by index.
 */
record WorkerMessage(List<byte[]> parts) {
    /** Largest frame read back from a worker; a larger length means the stream is corrupt. */
    static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    WorkerMessage {
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a worker message needs at least its header");
        }
    }

    byte[] header() {
        return parts.get(0);
    }

    void write(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(parts.size());
        for (byte[] part : parts) {
            data.writeInt(part.length);
            data.write(part);
        }
        data.flush();
    }

    /** The next message, or empty at a clean end of stream (the worker exited between messages). */
    static Optional<WorkerMessage> read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int first = in.read();
        if (first < 0) {
            return Optional.empty();
        }
        long count = Integer.toUnsignedLong(first << 24 | data.readUnsignedByte() << 16 | data.readUnsignedShort());
        if (count == 0 || count > Integer.MAX_VALUE / 8) {
            throw new IOException("corrupt worker frame: " + count + " parts");
        }
        List<byte[]> parts = new ArrayList<>((int) Math.min(count, 64));
        long total = 0;
        for (long i = 0; i < count; i++) {
            long length = Integer.toUnsignedLong(data.readInt());
            total += length;
            if (total > MAX_BYTES) {
                throw new IOException("corrupt worker frame: more than " + MAX_BYTES + " bytes");
            }
            byte[] part = new byte[(int) length];
            data.readFully(part);
            parts.add(part);
        }
        return Optional.of(new WorkerMessage(parts));
    }
}

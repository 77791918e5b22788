package io.hacamel.bridge.simulator;

import java.util.concurrent.ThreadLocalRandom;

/** Context ids as Home Assistant makes them: 26-character ULIDs (48-bit millisecond time, 80 random bits). */
final class Ulid {

    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private Ulid() {
    }

    static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] out = new char[26];
        encode(System.currentTimeMillis(), 50, out, 0);
        encode(random.nextLong() >>> 24, 40, out, 10);
        encode(random.nextLong() >>> 24, 40, out, 18);
        return new String(out);
    }

    /** Writes the low {@code bits} bits of {@code value}, 5 bits a character, most significant first. */
    private static void encode(long value, int bits, char[] out, int offset) {
        int chars = bits / 5;
        for (int i = chars - 1; i >= 0; i--) {
            out[offset + i] = CROCKFORD[(int) (value & 31)];
            value >>>= 5;
        }
    }
}

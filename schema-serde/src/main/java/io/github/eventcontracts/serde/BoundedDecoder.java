package io.github.eventcontracts.serde;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * Avro binary decoding over a byte array that checks every length against the bytes that remain,
 * before allocating: a hostile length or count ends in an exception, never in a huge allocation.
 * (Avro's own BinaryDecoder allocates from the length prefix first.)
 */
final class BoundedDecoder extends Decoder {
  /** Default for {@code avro.max.zero.byte.items}: items that take no bytes (nulls, empty records) per frame. */
  static final int DEFAULT_MAX_ZERO_BYTE_ITEMS = 100_000;

  private final byte[] buf;
  private int pos;
  private final int limit;
  /**
   * Array and map items this frame may still declare. Every item takes at least one byte except
   * those of a type with no bytes (null, an empty record), so a frame holds at most its length in
   * items plus the zero-byte ones allowed; without a frame-wide budget, blocks that each claim a
   * little more than what remains turn a 10 KB frame into 25 million items.
   */
  private long itemBudget;

  BoundedDecoder(byte[] buf, int offset, int length) {
    this(buf, offset, length, DEFAULT_MAX_ZERO_BYTE_ITEMS);
  }

  BoundedDecoder(byte[] buf, int offset, int length, int maxZeroByteItems) {
    this.buf = buf;
    this.pos = offset;
    this.limit = offset + length;
    this.itemBudget = (long) length + maxZeroByteItems;
  }

  private int remaining() {
    return limit - pos;
  }

  private void need(long n) throws IOException {
    if (n < 0 || n > remaining()) {
      throw new EOFException("needs " + n + " byte(s) but " + remaining() + " remain");
    }
  }

  @Override
  public void readNull() {}

  @Override
  public boolean readBoolean() throws IOException {
    need(1);
    int b = buf[pos++];
    if (b != 0 && b != 1) {
      throw new IOException("invalid boolean byte " + b);
    }
    return b == 1;
  }

  @Override
  public int readInt() throws IOException {
    long value = readLong();
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw new IOException("int out of range: " + value);
    }
    return (int) value;
  }

  @Override
  public long readLong() throws IOException {
    long raw = 0;
    for (int shift = 0; shift < 70; shift += 7) {
      need(1);
      byte b = buf[pos++];
      raw |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return (raw >>> 1) ^ -(raw & 1);
      }
    }
    throw new IOException("malformed varint");
  }

  @Override
  public float readFloat() throws IOException {
    need(4);
    int bits = littleEndianInt(pos);
    pos += 4;
    return Float.intBitsToFloat(bits);
  }

  @Override
  public double readDouble() throws IOException {
    need(8);
    long bits = (littleEndianInt(pos) & 0xffffffffL) | ((long) littleEndianInt(pos + 4) << 32);
    pos += 8;
    return Double.longBitsToDouble(bits);
  }

  private int littleEndianInt(int at) {
    return (buf[at] & 0xff) | (buf[at + 1] & 0xff) << 8 | (buf[at + 2] & 0xff) << 16 | (buf[at + 3] & 0xff) << 24;
  }

  private int length() throws IOException {
    long length = readLong();
    need(length);
    return (int) length;
  }

  @Override
  public Utf8 readString(Utf8 old) throws IOException {
    int length = length();
    Utf8 result = old != null ? old : new Utf8();
    result.setByteLength(length);
    System.arraycopy(buf, pos, result.getBytes(), 0, length);
    pos += length;
    return result;
  }

  @Override
  public String readString() throws IOException {
    int length = length();
    String s = new String(buf, pos, length, StandardCharsets.UTF_8);
    pos += length;
    return s;
  }

  @Override
  public void skipString() throws IOException {
    pos += length();
  }

  @Override
  public ByteBuffer readBytes(ByteBuffer old) throws IOException {
    int length = length();
    ByteBuffer result = old != null && old.capacity() >= length ? old : ByteBuffer.allocate(length);
    result.clear();
    result.put(buf, pos, length).flip();
    pos += length;
    return result;
  }

  @Override
  public void skipBytes() throws IOException {
    pos += length();
  }

  @Override
  public void readFixed(byte[] bytes, int start, int length) throws IOException {
    need(length);
    System.arraycopy(buf, pos, bytes, start, length);
    pos += length;
  }

  @Override
  public void skipFixed(int length) throws IOException {
    need(length);
    pos += length;
  }

  @Override
  public int readEnum() throws IOException {
    return readInt();
  }

  /** A block count: negative counts carry a byte size, which is skipped; counts beyond the bytes left are refused. */
  private long blockCount() throws IOException {
    long count = readLong();
    if (count < 0) {
      count = -count;
      readLong(); // block size in bytes
    }
    if (count > itemBudget) {
      throw new IOException("the frame declares more array or map items than its " + (limit - pos) + " remaining "
          + "byte(s) can hold (at most " + DEFAULT_MAX_ZERO_BYTE_ITEMS + " items without bytes by default, "
          + "avro.max.zero.byte.items)");
    }
    itemBudget -= count;
    return count;
  }

  @Override
  public long readArrayStart() throws IOException {
    return blockCount();
  }

  @Override
  public long arrayNext() throws IOException {
    return blockCount();
  }

  @Override
  public long skipArray() throws IOException {
    return blockCount();
  }

  @Override
  public long readMapStart() throws IOException {
    return blockCount();
  }

  @Override
  public long mapNext() throws IOException {
    return blockCount();
  }

  @Override
  public long skipMap() throws IOException {
    return blockCount();
  }

  @Override
  public int readIndex() throws IOException {
    return readInt();
  }

  /** Trailing bytes after a record mean the frame was not written with this schema. */
  boolean atEnd() {
    return pos == limit;
  }
}

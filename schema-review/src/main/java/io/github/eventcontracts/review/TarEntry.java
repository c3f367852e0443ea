package io.github.eventcontracts.review;

import io.github.eventcontracts.core.diag.UserInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A regular file of a tar stream as {@code git archive} writes it (ustar, with pax headers for long names). */
record TarEntry(String path, byte[] content) {
  static List<TarEntry> read(byte[] tar) {
    List<TarEntry> entries = new ArrayList<>();
    String paxPath = null;
    int at = 0;
    while (at + 512 <= tar.length) {
      if (isZero(tar, at, 512)) {
        break; // end of archive
      }
      String name = field(tar, at, 100);
      long size = Long.parseLong(field(tar, at + 124, 12).trim().isEmpty() ? "0" : field(tar, at + 124, 12).trim(), 8);
      char type = (char) tar[at + 156];
      String prefix = field(tar, at + 345, 155);
      int data = at + 512;
      if (size < 0 || data + size > tar.length) {
        throw new UserInputException("git archive gave a truncated tar stream");
      }
      if (type == 'x') { // pax header for the next entry: its long path
        paxPath = paxValue(new String(tar, data, (int) size, StandardCharsets.UTF_8), "path");
      } else if (type == '0' || type == 0) {
        String path = paxPath != null ? paxPath : prefix.isEmpty() ? name : prefix + "/" + name;
        entries.add(new TarEntry(path, java.util.Arrays.copyOfRange(tar, data, data + (int) size)));
        paxPath = null;
      } else if (type != 'g') {
        paxPath = null; // directories, links: nothing to read
      }
      at = data + (int) ((size + 511) / 512 * 512);
    }
    return entries;
  }

  private static String field(byte[] tar, int at, int length) {
    int end = at;
    while (end < at + length && tar[end] != 0) {
      end++;
    }
    return new String(tar, at, end - at, StandardCharsets.UTF_8);
  }

  private static boolean isZero(byte[] bytes, int at, int length) {
    for (int i = at; i < at + length; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** A value from pax records ({@code "<len> key=value\n"}...). */
  private static String paxValue(String records, String key) {
    for (String record : records.split("\n")) {
      int space = record.indexOf(' ');
      if (space > 0 && record.startsWith(key + "=", space + 1)) {
        return record.substring(space + 2 + key.length());
      }
    }
    return null;
  }
}

package dev.talkback.comments.internal.text;

import java.text.Normalizer;

/**
 * Unicode clean-up shared by every text field: line breaks unified to {@code \n}, control, zero-width and
 * bidi embedding/override/isolate characters removed, lone surrogates replaced, then NFC. Idempotent.
 *
 * <p>The two joiners are kept only where writing needs them: ZERO WIDTH NON-JOINER and ZERO WIDTH JOINER
 * between letters (or marks) of scripts that use them for spelling (Persian "می‌خواهم", Hindi half forms),
 * and ZERO WIDTH JOINER between emoji. Anywhere else they are removed, so they cannot hide inside a
 * blocked word or a name.
 */
final class TextNormalizer {
  private static final int ZWJ = 0x200D;
  private static final int ZWNJ = 0x200C;
  private static final int VS16 = 0xFE0F;

  private TextNormalizer() {}

  static String normalize(String s) {
    if (isPlainAscii(s)) {
      return s; // printable ASCII, \n and \t: nothing to remove, and always NFC
    }
    String n = nfc(needsCleaning(s) ? clean(s) : s);
    if (n.indexOf(ZWJ) >= 0 || n.indexOf(ZWNJ) >= 0) {
      // NFC may reorder the marks next to a joiner, and dropping a joiner may let NFC reorder marks it
      // separated: repeat until neither changes anything (each round keeps or drops joiners, never adds).
      for (String next = nfc(dropStrayJoiners(n)); !next.equals(n); next = nfc(dropStrayJoiners(n))) {
        n = next;
      }
    }
    return n;
  }

  private static String nfc(String s) {
    return Normalizer.isNormalized(s, Normalizer.Form.NFC) ? s : Normalizer.normalize(s, Normalizer.Form.NFC);
  }

  /** Characters removed whatever their neighbours (the two zero-width joiners are decided separately). */
  static boolean isRemoved(int cp) {
    if (cp < 0x20) {
      return cp != '\n' && cp != '\t';
    }
    if (cp < 0x7F) {
      return false;
    }
    return cp <= 0x9F // DEL and the C1 controls
        || cp == 0x200B || cp == 0x2060 || cp == 0xFEFF // zero-width (the joiners are decided separately)
        || (cp >= 0x202A && cp <= 0x202E) // bidi embeddings and overrides
        || (cp >= 0x2066 && cp <= 0x2069); // bidi isolates
  }

  private static boolean isPlainAscii(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x7F || (c < 0x20 && c != '\n' && c != '\t')) {
        return false;
      }
    }
    return true;
  }

  private static boolean needsCleaning(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++; // a well-formed pair
      } else if (c == '\r' || isRemoved(c) || Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  private static String clean(String s) {
    int n = s.length();
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; ) {
      char c = s.charAt(i);
      if (c == '\r') {
        sb.append('\n');
        i += (i + 1 < n && s.charAt(i + 1) == '\n') ? 2 : 1;
        continue;
      }
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        sb.append(c).append(s.charAt(i + 1)); // no supplementary code point is ever removed
        i += 2;
        continue;
      }
      if (Character.isSurrogate(c)) {
        sb.append('\uFFFD'); // a lone surrogate cannot be stored or encoded as UTF-8
      } else if (!isRemoved(c)) {
        sb.append(c);
      }
      i++;
    }
    return sb.toString();
  }

  /**
   * Keeps a joiner only where {@link #keepsJoiner} says writing needs it. Decided on the already cleaned
   * text, and a joiner next to another joiner is always dropped, so a second pass keeps exactly what the
   * first kept.
   */
  private static String dropStrayJoiners(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    int prev = -1;
    for (int i = 0, n = s.length(); i < n; ) {
      int cp = s.codePointAt(i);
      int len = Character.charCount(cp);
      if (cp == ZWJ || cp == ZWNJ) {
        int next = i + len < n ? s.codePointAt(i + len) : -1;
        if (keepsJoiner(cp, prev, next)) {
          sb.append((char) cp);
        }
      } else {
        sb.appendCodePoint(cp);
      }
      prev = cp;
      i += len;
    }
    return sb.toString();
  }

  /**
   * Whether a joiner between {@code prev} and {@code next} (-1 at either end) is part of the writing: a
   * ZERO WIDTH JOINER between emoji (👩‍💻), or either joiner between letters or marks of a script that
   * spells with it.
   */
  static boolean keepsJoiner(int joiner, int prev, int next) {
    if (prev < 0 || next < 0) {
      return false;
    }
    if (joiner == ZWJ && (isPictographic(prev) || prev == VS16) && isPictographic(next)) {
      return true;
    }
    return spellsWithJoiners(prev) && spellsWithJoiners(next);
  }

  /** A letter or mark of a script whose spelling uses the zero-width joiners. */
  static boolean spellsWithJoiners(int cp) {
    int type = Character.getType(cp);
    if (!Character.isLetter(cp) && type != Character.NON_SPACING_MARK && type != Character.COMBINING_SPACING_MARK) {
      return false;
    }
    return switch (Character.UnicodeScript.of(cp)) {
      case ARABIC, SYRIAC, NKO, MONGOLIAN, DEVANAGARI, BENGALI, GURMUKHI, GUJARATI, ORIYA, TAMIL, TELUGU,
          KANNADA, MALAYALAM, SINHALA -> true;
      default -> false;
    };
  }

  /**
   * An approximation of Unicode's Extended_Pictographic property (plus the skin-tone modifiers), which
   * Java 17's {@link Character} does not expose.
   */
  static boolean isPictographic(int cp) {
    if (cp >= 0x1F000) {
      return cp <= 0x1FAFF || (cp >= 0x1FC00 && cp <= 0x1FFFD);
    }
    if (cp >= 0x2600 && cp <= 0x27BF) {
      return true; // miscellaneous symbols and dingbats
    }
    return switch (cp) {
      case 0x00A9, 0x00AE, 0x203C, 0x2049, 0x2122, 0x2139, 0x2328, 0x23CF, 0x24C2, 0x25B6, 0x25C0, 0x2B50,
          0x2B55, 0x3030, 0x303D, 0x3297, 0x3299 -> true;
      default -> (cp >= 0x2194 && cp <= 0x2199)
            || (cp >= 0x21A9 && cp <= 0x21AA)
            || (cp >= 0x231A && cp <= 0x231B)
            || (cp >= 0x23E9 && cp <= 0x23F3)
            || (cp >= 0x23F8 && cp <= 0x23FA)
            || (cp >= 0x25AA && cp <= 0x25AB)
            || (cp >= 0x25FB && cp <= 0x25FE)
            || (cp >= 0x2934 && cp <= 0x2935)
            || (cp >= 0x2B05 && cp <= 0x2B07)
            || (cp >= 0x2B1B && cp <= 0x2B1C);
    };
  }

  /** True if {@code s} has nothing but white space (including no-break and other Unicode spaces). */
  static boolean isBlank(CharSequence s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (!isSpace(c)) {
        return false;
      }
    }
    return true;
  }

  /** White space in the widest sense: Java white space plus the Unicode space separators. */
  static boolean isSpace(int cp) {
    if (cp < 0x80) {
      return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x1F);
    }
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
  }

  /** The number of code points, which is what every length limit counts. */
  static int length(String s) {
    return s.codePointCount(0, s.length());
  }
}

#include "core/text/CorpusReader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include "core/text/Utf8.h"
#include "core/util/Error.h"

namespace embedlab {

namespace {

constexpr size_t kChunkBytes = 256 * 1024;   // decoded bytes per refill
constexpr size_t kInputBytes = 128 * 1024;   // compressed bytes per read (gz)
constexpr size_t kSampleBytes = 4096;        // what the binary check looks at

std::string systemError(const std::string& path, const char* what) {
  return path + ": " + what + " (" + std::strerror(errno) + ")";
}

// read() that retries on EINTR and fills as much as it can.
ssize_t readFully(int fd, char* data, size_t n) {
  size_t got = 0;
  while (got < n) {
    const ssize_t r = ::read(fd, data + got, n - got);
    if (r < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    if (r == 0) break;
    got += static_cast<size_t>(r);
  }
  return static_cast<ssize_t>(got);
}

bool startsWith(const std::string& s, const char* magic, size_t n) {
  return s.size() >= n && std::memcmp(s.data(), magic, n) == 0;
}

// Known binary signatures, then the share of NUL and other control bytes. A text file with a
// few stray NULs passes; UTF-16 text (every other byte NUL) and executables do not.
const char* binaryReason(const std::string& s) {
  struct Magic {
    const char* bytes;
    size_t n;
    const char* name;
  };
  static const Magic magics[] = {
      {"\x7f" "ELF", 4, "an ELF executable"},
      {"\x89PNG\r\n\x1a\n", 8, "a PNG image"},
      {"PK\x03\x04", 4, "a zip archive"},
      {"PK\x05\x06", 4, "a zip archive"},
      {"%PDF-", 5, "a PDF document"},
      {"GIF87a", 6, "a GIF image"},
      {"GIF89a", 6, "a GIF image"},
      {"\xff\xd8\xff", 3, "a JPEG image"},
      {"\xfd" "7zXZ\x00", 6, "an xz archive"},
      {"7z\xbc\xaf\x27\x1c", 6, "a 7z archive"},
      {"\x28\xb5\x2f\xfd", 4, "a zstd archive"},
      {"\xca\xfe\xba\xbe", 4, "a Java class or Mach-O file"},
      {"SQLite format 3\x00", 16, "an SQLite database"},
      {"\x00" "asm", 4, "a WebAssembly module"},
      {"\x93NUMPY", 6, "a NumPy array"},
      {"\xff\xfe", 2, "UTF-16 text (convert it to UTF-8)"},
      {"\xfe\xff", 2, "UTF-16 text (convert it to UTF-8)"},
  };
  for (const Magic& m : magics)
    if (startsWith(s, m.bytes, m.n)) return m.name;
  if (s.size() >= 10 && s.compare(0, 3, "BZh") == 0 && s.compare(4, 6, "1AY&SY") == 0) return "a bzip2 archive";

  size_t nul = 0, control = 0;
  for (unsigned char c : s) {
    if (c == 0) ++nul;
    else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1b) ++control;
  }
  if (nul >= 8 && nul * 20 >= s.size()) return "NUL-heavy data";
  if (nul + control >= 16 && (nul + control) * 10 >= s.size()) return "control-character-heavy data";
  return nullptr;
}

// Makes room for `need` bytes in `s`, doubling but not past `cap` (unless `need` is larger).
// std::string grows to at least twice its capacity on its own (reserve() too), which would take
// the piece being assembled and the piece handed out to twice maxLineBytes each; a fresh string
// reserved from empty gets exactly what it asks for.
void growCapped(std::string& s, size_t need, size_t cap) {
  if (need <= s.capacity()) return;
  std::string fresh;
  fresh.reserve(std::max(need, std::min(2 * s.capacity(), cap)));
  fresh.append(s);
  s.swap(fresh);
}

}  // namespace

struct CorpusReader::Impl {
  std::string path;
  Options options;
  int fd = -1;
  bool gz = false;
  int64_t fileSize = 0;

  // Decoded bytes: buf[pos, end) not yet looked at; buf[0] sits at decoded offset `base`.
  std::vector<char> buf;
  size_t pos = 0, end = 0;
  int64_t base = 0;
  bool sourceEof = false;

  // gzip state
  z_stream zs{};
  bool zsInit = false;
  std::vector<unsigned char> in;
  int64_t compressedRead = 0;  // bytes of the file handed to zlib so far
  bool gzDone = false;          // all members inflated

  // part
  int64_t partStart = 0, partEnd = 0;  // plain: the raw byte range [partStart, partEnd)
  int64_t lineIndex = 0;               // gz: index of the next line in the whole stream
  int64_t bomEnd = 0;                  // plain: 3 when this part skipped a byte-order mark
  bool done = false;

  // the line being assembled
  std::string cur;
  bool lineOpen = false;   // inside a line (its first byte has been seen)
  bool skipping = false;   // the open line belongs to another part
  bool lineEnded = false;  // its terminator was seen; `cur` holds the rest
  bool needMore = false;   // buf[pos, end) is an incomplete UTF-8 sequence: refill first

  // counters (of this pass over this part)
  int64_t linesRead = 0, invalidUtf8 = 0, nulBytes = 0, textBytes = 0;

  ~Impl() {
    if (zsInit) inflateEnd(&zs);
    if (fd >= 0) ::close(fd);
  }

  [[noreturn]] void fail(const std::string& what) const { throw Error(path + ": " + what); }

  void seek(int64_t offset) {
    if (::lseek(fd, offset, SEEK_SET) < 0) throw Error(systemError(path, "cannot seek"));
  }

  void initInflate() {
    if (zsInit) {
      inflateReset(&zs);
    } else {
      zs = z_stream{};
      if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) fail("cannot initialise zlib");
      zsInit = true;
    }
    zs.next_in = nullptr;
    zs.avail_in = 0;
  }

  // Reads compressed input when zlib has none left; false at the end of the file.
  bool feedInput() {
    if (zs.avail_in > 0) return true;
    const ssize_t r = readFully(fd, reinterpret_cast<char*>(in.data()), in.size());
    if (r < 0) throw Error(systemError(path, "read error"));
    compressedRead += r;
    zs.next_in = in.data();
    zs.avail_in = static_cast<uInt>(r);
    return r > 0;
  }

  // Inflates into out[0, cap); returns the number of bytes produced (0 only at the end).
  size_t inflateSome(char* out, size_t cap) {
    size_t produced = 0;
    while (produced == 0 && !gzDone) {
      if (!feedInput()) fail("truncated gzip stream (unexpected end of file)");
      zs.next_out = reinterpret_cast<Bytef*>(out);
      zs.avail_out = static_cast<uInt>(cap);
      const int rc = inflate(&zs, Z_NO_FLUSH);
      produced = cap - zs.avail_out;
      if (rc == Z_STREAM_END) {
        // Another gzip member may follow (concatenated .gz files); anything else is ignored,
        // as gzip does with trailing garbage.
        if (zs.avail_in == 0) feedInput();
        if (zs.avail_in >= 2 && zs.next_in[0] == 0x1f && zs.next_in[1] == 0x8b) {
          inflateReset(&zs);
        } else {
          gzDone = true;
        }
      } else if (rc == Z_DATA_ERROR) {
        fail(std::string("corrupt gzip stream (") + (zs.msg ? zs.msg : "data error") + ")");
      } else if (rc == Z_MEM_ERROR) {
        fail("out of memory while decompressing");
      } else if (rc == Z_NEED_DICT) {
        fail("corrupt gzip stream (needs a preset dictionary)");
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        fail("gzip decompression failed (zlib error " + std::to_string(rc) + ")");
      }
    }
    return produced;
  }

  // Moves the unread bytes to the front and appends new data. Returns the number of new bytes
  // (0 at the end of the input).
  size_t refill() {
    if (sourceEof) return 0;
    const size_t keep = end - pos;
    if (keep > 0 && pos > 0) std::memmove(buf.data(), buf.data() + pos, keep);
    base += static_cast<int64_t>(pos);
    pos = 0;
    end = keep;
    size_t got = 0;
    if (gz) {
      got = inflateSome(buf.data() + end, buf.size() - end);
    } else {
      const ssize_t r = readFully(fd, buf.data() + end, buf.size() - end);
      if (r < 0) throw Error(systemError(path, "read error"));
      got = static_cast<size_t>(r);
    }
    if (got == 0) sourceEof = true;
    end += got;
    return got;
  }

  void reset() {
    cur.clear();
    pos = end = 0;
    sourceEof = false;
    done = false;
    lineOpen = skipping = lineEnded = needMore = false;
    linesRead = invalidUtf8 = nulBytes = textBytes = 0;
    lineIndex = 0;
    bomEnd = 0;
    if (gz) {
      seek(0);
      base = 0;
      compressedRead = 0;
      gzDone = false;
      initInflate();
    } else {
      partStart = fileSize * options.part / options.parts;
      partEnd = fileSize * (options.part + 1) / options.parts;
      if (partStart > 0) {
        // The line that straddles partStart belongs to the previous part: skip through the
        // first '\n' at or after partStart - 1.
        seek(partStart - 1);
        base = partStart - 1;
        lineOpen = skipping = true;
      } else {
        seek(0);
        base = 0;
      }
    }
    const bool atFileStart = gz || partStart == 0;
    if (atFileStart) {
      refill();
      if (end >= 3 && std::memcmp(buf.data(), "\xEF\xBB\xBF", 3) == 0) {
        pos = 3;
        textBytes += 3;
        if (!gz) bomEnd = 3;
      }
    }
  }

  // Where to cut an overlong `cur`: at most maxLineBytes, after the last blank in its second
  // half if there is one, else at a character boundary (a single character longer than the
  // limit goes whole).
  size_t cutPosition() const {
    const size_t max = static_cast<size_t>(options.maxLineBytes);
    for (size_t k = max; k > max / 2; --k) {
      const char ch = cur[k - 1];
      if (ch == ' ' || ch == '\t') return k;
    }
    size_t c = max;
    while (c > 0 && (static_cast<unsigned char>(cur[c]) & 0xC0) == 0x80) --c;
    if (c == 0) {
      size_t len;
      utf8::decode(reinterpret_cast<const unsigned char*>(cur.data()), cur.size(), len);
      c = len;
    }
    return c;
  }

  bool nextLine(std::string& line) {
    const size_t max = static_cast<size_t>(options.maxLineBytes);
    for (;;) {
      // Over the limit: cut, but never so that nothing is left for the last piece (nothing, or
      // a CR that the LF still to come would strip). The last piece of a line must be the one
      // that ends it, so that linesRead() advances exactly when a line is complete.
      if (cur.size() > max) {
        const size_t c = cutPosition();
        const bool nothingLeft = c == cur.size() || (!lineEnded && c + 1 == cur.size() && cur.back() == '\r');
        if (!nothingLeft) {
          growCapped(line, c, max + 4);
          line.assign(cur, 0, c);
          cur.erase(0, c);
          return true;
        }
        // Otherwise read on (or, when the line has ended, hand out the rest below).
      }
      if (lineEnded) {
        lineEnded = lineOpen = false;
        ++linesRead;
        line.swap(cur);
        cur.clear();
        return true;
      }
      if (done) return false;
      if (pos == end || needMore) {
        needMore = false;
        if (refill() == 0) {
          done = true;
          if (lineOpen && !skipping) {
            // Last line without a terminator; a dangling partial sequence is invalid now.
            if (pos < end) {
              textBytes += static_cast<int64_t>(end - pos);
              utf8::appendRepaired(cur, buf.data() + pos, end - pos, true, invalidUtf8, nulBytes);
              pos = end;
            }
            if (!cur.empty() && cur.back() == '\r') cur.pop_back();
            lineEnded = true;
          }
          continue;
        }
      }
      if (!lineOpen) {
        // The byte-order mark belongs to the first line: that line starts at offset 0, so the
        // part that holds offset 0 reads it (the next part skips it as the line across its start).
        const int64_t offset = base + static_cast<int64_t>(pos);
        const int64_t lineStart = offset == bomEnd ? 0 : offset;
        if (!gz && lineStart >= partEnd) {
          done = true;
          continue;
        }
        if (gz) skipping = options.parts > 1 && lineIndex % options.parts != options.part;
        ++lineIndex;
        lineOpen = true;
      }
      if (skipping) {
        const char* nl = static_cast<const char*>(std::memchr(buf.data() + pos, '\n', end - pos));
        if (nl) {
          pos = static_cast<size_t>(nl - buf.data()) + 1;
          lineOpen = skipping = false;
        } else {
          pos = end;
        }
        continue;
      }
      // Take at most what keeps `cur` near the limit (at least 4 bytes, so a whole character
      // always fits and a stop at a partial sequence can only mean the chunk ended).
      const size_t room = std::max<size_t>(4, max + 1 - std::min(cur.size(), max + 1));
      const size_t avail = std::min(end - pos, room);
      const bool toChunkEnd = avail == end - pos;
      const char* start = buf.data() + pos;
      const char* nl = static_cast<const char*>(std::memchr(start, '\n', avail));
      const size_t take = nl ? static_cast<size_t>(nl - start) : avail;
      growCapped(cur, cur.size() + take, max + 4);
      const size_t used = utf8::appendRepaired(cur, start, take, nl != nullptr, invalidUtf8, nulBytes);
      pos += used;
      textBytes += static_cast<int64_t>(used);
      if (nl) {
        ++pos;
        ++textBytes;
        if (!cur.empty() && cur.back() == '\r') cur.pop_back();
        lineEnded = true;
      } else if (used < take && toChunkEnd) {
        // A character cut by the end of the chunk: complete it from the next one. (One cut by
        // `room` completes on the next round, which always has room for a whole character.)
        needMore = true;
      }
    }
  }
};

CorpusReader::CorpusReader(const std::string& path) : CorpusReader(path, Options{}) {}

CorpusReader::CorpusReader(const std::string& path, const Options& options) : impl_(std::make_unique<Impl>()) {
  Impl& d = *impl_;
  d.path = path;
  d.options = options;
  if (options.parts < 1 || options.part < 0 || options.part >= options.parts)
    throw Error(path + ": invalid part " + std::to_string(options.part) + " of " + std::to_string(options.parts));
  if (options.maxLineBytes < 1) throw Error(path + ": maxLineBytes must be positive");

  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) throw Error(path + ": no such file");
    throw Error(systemError(path, "cannot open"));
  }
  if (S_ISDIR(st.st_mode)) throw Error(path + ": is a directory, not a corpus file");
  // Parts and rewind() need to seek; a pipe or a device cannot (and opening a FIFO would block).
  if (!S_ISREG(st.st_mode)) throw Error(path + ": not a regular file (pipes and devices cannot be read as a corpus)");
  d.fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (d.fd < 0) throw Error(systemError(path, "cannot open"));
  if (::fstat(d.fd, &st) != 0) throw Error(systemError(path, "cannot stat"));
  d.fileSize = static_cast<int64_t>(st.st_size);

  // Look at the first bytes: gzip by its magic, then the (decoded) start for binary content.
  std::string head(kSampleBytes, '\0');
  const ssize_t r = readFully(d.fd, head.data(), head.size());
  if (r < 0) throw Error(systemError(path, "read error"));
  head.resize(static_cast<size_t>(r));
  d.gz = head.size() >= 3 && static_cast<unsigned char>(head[0]) == 0x1f &&
         static_cast<unsigned char>(head[1]) == 0x8b && head[2] == 8;
  d.buf.resize(kChunkBytes + 8);
  if (d.gz) {
    d.in.resize(kInputBytes);
    d.seek(0);
    d.initInflate();
    std::string sample(kSampleBytes, '\0');
    size_t got = 0;
    try {
      while (got < sample.size() && !d.gzDone) {
        const size_t n = d.inflateSome(sample.data() + got, sample.size() - got);
        if (n == 0) break;
        got += n;
      }
    } catch (const Error&) {
      // A stream cut short after its first 4 KiB is reported while reading; a stream that
      // cannot even start is reported now.
      if (got == 0) throw;
    }
    sample.resize(got);
    head.swap(sample);
  }
  if (const char* why = binaryReason(head)) throw Error(path + ": not a text file (" + why + ")");
  if (d.gz && head.empty() && d.fileSize > 0 && !d.gzDone) throw Error(path + ": corrupt gzip stream");
  d.reset();
}

CorpusReader::~CorpusReader() = default;

bool CorpusReader::nextLine(std::string& line) { return impl_->nextLine(line); }
void CorpusReader::rewind() { impl_->reset(); }
const std::string& CorpusReader::path() const { return impl_->path; }
bool CorpusReader::compressed() const { return impl_->gz; }
int64_t CorpusReader::fileBytes() const { return impl_->fileSize; }

int64_t CorpusReader::bytesConsumed() const {
  const Impl& d = *impl_;
  if (d.gz) {
    // Every part inflates the whole stream; each claims its share so the parts add up to the file.
    const int64_t used = d.compressedRead - static_cast<int64_t>(d.zs.avail_in);
    return used * (d.options.part + 1) / d.options.parts - used * d.options.part / d.options.parts;
  }
  const int64_t at = d.done ? d.partEnd : d.base + static_cast<int64_t>(d.pos);
  return std::clamp<int64_t>(at - d.partStart, 0, d.partEnd - d.partStart);
}

int64_t CorpusReader::linesRead() const { return impl_->linesRead; }
int64_t CorpusReader::invalidUtf8() const { return impl_->invalidUtf8; }
int64_t CorpusReader::nulBytes() const { return impl_->nulBytes; }
int64_t CorpusReader::textBytes() const { return impl_->textBytes; }

}  // namespace embedlab

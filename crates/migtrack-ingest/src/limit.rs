//! Bounded reading: a reader that refuses to yield more than a cap (gzip bombs, huge inputs),
//! capped line reading, gzip opening, and one-line descriptions of IO errors.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use flate2::bufread::MultiGzDecoder;

/// The error a [`CappedReader`] returns once its input goes past the cap.
#[derive(Debug, thiserror::Error)]
#[error("decompressed data exceeds the limit of {limit} bytes")]
pub(crate) struct CapExceeded {
    pub limit: u64,
}

/// Yields at most `limit` bytes of `inner`; if `inner` has more, the read after the last
/// allowed byte fails with [`CapExceeded`] (never a silent truncation).
pub(crate) struct CappedReader<R> {
    inner: R,
    remaining: u64,
    limit: u64,
}

impl<R: Read> CappedReader<R> {
    pub fn new(inner: R, limit: u64) -> Self {
        CappedReader {
            inner,
            remaining: limit,
            limit,
        }
    }
}

impl<R: Read> Read for CappedReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        if self.remaining == 0 {
            let mut probe = [0u8; 1];
            return match self.inner.read(&mut probe)? {
                0 => Ok(0),
                _ => Err(io::Error::other(CapExceeded { limit: self.limit })),
            };
        }
        let allowed = usize::try_from(self.remaining)
            .unwrap_or(usize::MAX)
            .min(buf.len());
        let read = self.inner.read(&mut buf[..allowed])?;
        self.remaining -= read as u64;
        Ok(read)
    }
}

/// `path` ends in `.gz` (any case).
pub(crate) fn is_gzip_name(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".gz")
}

/// The name without a trailing `.gz`.
pub(crate) fn strip_gz(name: &str) -> &str {
    if is_gzip_name(name) {
        &name[..name.len() - 3]
    } else {
        name
    }
}

/// Open a file for reading only if it is a regular file. A FIFO, socket or device would block
/// the open (a FIFO waits for a writer) or never end, so it is refused with "not a regular
/// file". The open itself never blocks: on Unix it is non-blocking, and the kind is checked
/// on the opened handle as well (the name may have been swapped between the two checks).
pub(crate) fn open_regular(path: &Path) -> io::Result<File> {
    let not_regular = || io::Error::new(io::ErrorKind::InvalidInput, NOT_REGULAR);
    if !std::fs::metadata(path)?.is_file() {
        return Err(not_regular());
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    if !file.metadata()?.is_file() {
        return Err(not_regular());
    }
    Ok(file)
}

/// The reason [`open_regular`] gives for anything but a regular file.
pub(crate) const NOT_REGULAR: &str = "not a regular file (a FIFO, socket or device is never read)";

/// Open a file for streaming: decompressed (behind `cap`) when its name ends in `.gz`.
pub(crate) fn open_stream(path: &Path, cap: u64) -> io::Result<Box<dyn BufRead + Send>> {
    let file = open_regular(path)?;
    let name = path.to_string_lossy();
    if is_gzip_name(&name) {
        let decoder = MultiGzDecoder::new(BufReader::new(file));
        Ok(Box::new(BufReader::new(CappedReader::new(decoder, cap))))
    } else {
        Ok(Box::new(BufReader::new(file)))
    }
}

/// Read `reader` to its end, refusing more than `limit` bytes: `Ok(None)` when it is longer.
pub(crate) fn read_capped(reader: impl Read, limit: usize) -> io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    let wanted = (limit as u64).saturating_add(1);
    reader.take(wanted).read_to_end(&mut bytes)?;
    if bytes.len() > limit {
        Ok(None)
    } else {
        Ok(Some(bytes))
    }
}

/// Read one line (up to and including `\n`) into `line`, keeping at most `cap` bytes; the rest
/// of an overlong line is consumed and dropped. Returns (bytes consumed, line was cut).
pub(crate) fn read_line_capped(
    reader: &mut dyn BufRead,
    line: &mut Vec<u8>,
    cap: usize,
) -> io::Result<(usize, bool)> {
    line.clear();
    let mut consumed_total = 0usize;
    let mut cut = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(buffer) => buffer,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        if available.is_empty() {
            return Ok((consumed_total, cut));
        }
        let (chunk, done) = match available.iter().position(|&byte| byte == b'\n') {
            Some(index) => (&available[..=index], true),
            None => (available, false),
        };
        let room = cap.saturating_sub(line.len());
        if chunk.len() > room {
            cut = true;
        }
        line.extend_from_slice(&chunk[..chunk.len().min(room)]);
        let used = chunk.len();
        reader.consume(used);
        consumed_total += used;
        if done {
            return Ok((consumed_total, cut));
        }
    }
}

/// One-line description of an IO error, naming gzip and cap failures plainly and dropping the
/// `(os error N)` suffix.
pub(crate) fn describe_io(error: &io::Error) -> String {
    if let Some(cap) = error
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<CapExceeded>())
    {
        return cap.to_string();
    }
    match error.kind() {
        io::ErrorKind::UnexpectedEof => "truncated data (unexpected end of file)".to_string(),
        io::ErrorKind::NotFound => "no such file or directory".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => {
            let text = error.to_string();
            match text.find(" (os error ") {
                Some(index) => text[..index].to_string(),
                None => text,
            }
        }
    }
}

/// [`describe_io`] for errors met while reading a gzip stream.
pub(crate) fn describe_gz_io(error: &io::Error) -> String {
    if error
        .get_ref()
        .is_some_and(|inner| inner.is::<CapExceeded>())
    {
        return describe_io(error);
    }
    match error.kind() {
        io::ErrorKind::UnexpectedEof => "truncated gzip data (unexpected end of file)".to_string(),
        io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData => {
            format!("corrupt gzip data: {error}")
        }
        _ => describe_io(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capped_reader_passes_short_input_and_fails_past_the_cap() {
        let mut out = Vec::new();
        CappedReader::new(&b"abc"[..], 3)
            .read_to_end(&mut out)
            .unwrap();
        assert_eq!(out, b"abc");
        let error = CappedReader::new(&b"abcd"[..], 3)
            .read_to_end(&mut Vec::new())
            .unwrap_err();
        assert_eq!(
            describe_io(&error),
            "decompressed data exceeds the limit of 3 bytes"
        );
    }

    #[test]
    fn read_line_capped_cuts_long_lines_and_keeps_the_next() {
        let mut reader: &[u8] = b"abcdef\nxy\nlast";
        let mut line = Vec::new();
        assert_eq!(
            read_line_capped(&mut reader, &mut line, 3).unwrap(),
            (7, true)
        );
        assert_eq!(line, b"abc");
        assert_eq!(
            read_line_capped(&mut reader, &mut line, 3).unwrap(),
            (3, false)
        );
        assert_eq!(line, b"xy\n");
        assert_eq!(
            read_line_capped(&mut reader, &mut line, 10).unwrap(),
            (4, false)
        );
        assert_eq!(line, b"last");
        assert_eq!(
            read_line_capped(&mut reader, &mut line, 10).unwrap(),
            (0, false)
        );
    }

    #[test]
    fn read_capped_refuses_longer_input() {
        assert_eq!(read_capped(&b"abc"[..], 3).unwrap(), Some(b"abc".to_vec()));
        assert_eq!(read_capped(&b"abcd"[..], 3).unwrap(), None);
    }

    #[test]
    fn gz_suffix_is_stripped_in_any_case() {
        assert_eq!(strip_gz("a.warc.GZ"), "a.warc");
        assert_eq!(strip_gz("a.txt"), "a.txt");
    }
}

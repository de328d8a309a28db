//! A bound on the bytes one matter may take in a log. The reader under a log's parser stops
//! giving bytes once the matter's allowance is spent, so a hostile log (an endless attribute, a
//! gzip bomb, a matter of millions of events) ends with an error instead of filling memory.

use super::{LogError, Place};
use crate::msg;
use std::io::{self, BufRead, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// The most bytes one matter may take in a log: the bound of one JSON case in a batch.
pub const MAX_MATTER_BYTES: u64 = 16 * 1024 * 1024;

/// The most bytes of a log read whole (an OCEL 2.0 JSON document).
pub const MAX_WHOLE_LOG_BYTES: u64 = 512 * 1024 * 1024;

/// The bytes still allowed, shared by a [`Budgeted`] reader and the parser that renews it.
#[derive(Clone, Debug)]
pub struct Allowance(Arc<AtomicU64>);

impl Allowance {
    /// An allowance of `bytes`.
    pub fn new(bytes: u64) -> Allowance {
        Allowance(Arc::new(AtomicU64::new(bytes)))
    }

    /// Allows `bytes` more from here on (a new matter begins).
    pub fn renew(&self, bytes: u64) {
        self.0.store(bytes, Ordering::Relaxed);
    }

    /// Whether the allowance is spent: a read error then means the bound was reached.
    pub fn spent(&self) -> bool {
        self.left() == 0
    }

    fn left(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }

    fn spend(&self, n: usize) {
        self.0
            .store(self.left().saturating_sub(n as u64), Ordering::Relaxed);
    }
}

/// A reader that gives no more bytes than its allowance: past it, reads fail.
pub struct Budgeted<R> {
    inner: R,
    allowance: Allowance,
}

impl<R> Budgeted<R> {
    /// `inner` read within `allowance`.
    pub fn new(inner: R, allowance: Allowance) -> Budgeted<R> {
        Budgeted { inner, allowance }
    }
}

/// The error that ends a log whose matter at `place` took more than [`MAX_MATTER_BYTES`].
pub fn too_large(place: Place) -> LogError {
    let limit = MAX_MATTER_BYTES;
    LogError::malformed(place, msg!("log-matter-too-large", limit = limit))
        .with_help(msg!("log-matter-too-large-help"))
}

fn spent() -> io::Error {
    io::Error::other("the log's bound on one matter is reached")
}

/// How much of `len` bytes an allowance of `left` still covers.
fn within(len: usize, left: u64) -> usize {
    usize::try_from(left).map_or(len, |left| len.min(left))
}

impl<R: Read> Read for Budgeted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        if self.allowance.spent() {
            return Err(spent());
        }
        let end = within(buf.len(), self.allowance.left());
        let n = self.inner.read(buf.get_mut(..end).unwrap_or_default())?;
        self.allowance.spend(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Budgeted<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.allowance.spent() {
            return Err(spent());
        }
        let left = self.allowance.left();
        let buf = self.inner.fill_buf()?;
        Ok(buf.get(..within(buf.len(), left)).unwrap_or_default())
    }

    fn consume(&mut self, n: usize) {
        self.inner.consume(n);
        self.allowance.spend(n);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_stop_at_the_allowance_and_resume_when_renewed() {
        let allowance = Allowance::new(5);
        let mut r = Budgeted::new(io::Cursor::new(b"0123456789".to_vec()), allowance.clone());
        let mut buf = [0u8; 8];
        assert_eq!(r.read(&mut buf).ok(), Some(5));
        assert!(allowance.spent());
        assert!(r.read(&mut buf).is_err());
        allowance.renew(3);
        assert_eq!(r.fill_buf().map(<[u8]>::to_vec).ok(), Some(b"567".to_vec()));
        r.consume(3);
        assert!(r.fill_buf().is_err());
    }
}

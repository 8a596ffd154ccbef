//! Runs a document reader (the PDF reader, the web-page extractor) on a thread of its
//! own, so that a panic in it is caught without a word printed (its message could
//! hold raw bytes of the file) and a reader that runs too long is given up on.

use std::sync::Once;
use std::sync::mpsc::RecvTimeoutError;
use std::time::Duration;

/// The name of the threads readers run on; their panics are not printed.
const READER_THREAD: &str = "stances-reader";

/// Why a reader gave no result.
#[derive(Debug)]
pub enum Failure {
    /// The thread could not be started.
    CannotStart(std::io::Error),
    /// The reader panicked.
    Panicked,
    /// The reader had not finished when the time was up. Its thread is left running;
    /// a command-line program ends, and the thread with it.
    TimedOut,
}

/// Runs `read` on a reader thread and waits at most `time` for its result.
pub fn run<T, F>(time: Duration, read: F) -> Result<T, Failure>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    quiet_reader_panics();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name(READER_THREAD.into())
        .spawn(move || {
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read));
            let _ = tx.send(result);
        })
        .map_err(Failure::CannotStart)?;
    match rx.recv_timeout(time) {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(_)) | Err(RecvTimeoutError::Disconnected) => Err(Failure::Panicked),
        Err(RecvTimeoutError::Timeout) => Err(Failure::TimedOut),
    }
}

/// Installs, once, a panic hook that says nothing for the reader threads and hands
/// every other panic to the hook that was there before. (A hook swapped in and out
/// around each read would race with other threads, and could not be put back while
/// a reader that timed out still runs.)
fn quiet_reader_panics() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().name() != Some(READER_THREAD) {
                previous(info);
            }
        }));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_panics_and_timeouts() {
        assert_eq!(run(Duration::from_secs(5), || 7).ok(), Some(7));
        assert!(matches!(
            run(Duration::from_secs(5), || -> u8 { panic!("boom") }),
            Err(Failure::Panicked)
        ));
        assert!(matches!(
            run(Duration::from_millis(10), || std::thread::sleep(
                Duration::from_secs(2)
            )),
            Err(Failure::TimedOut)
        ));
    }
}

//! `duechain lsp`: the language server over standard input and output. Messages are read within
//! the bounds of [`duechain::lsp::frame`] (lsp-server's own stdio transport allocates whatever
//! length a header declares), one at a time: the reader waits for the server before reading on,
//! so a client that floods it does not fill memory.

use std::io::Write;
use std::thread::JoinHandle;

use crossbeam_channel::{Receiver, Sender, bounded};
use duechain::diag::{Code, Msg};
use duechain::lsp::frame;
use duechain::msg;
use lsp_server::{Connection, Message};

use super::{INVALID, OK, fail, files};

/// Serves one client until it shuts down; 2 when the client breaks the protocol (DC0910) or the
/// connection fails (DC0909).
pub fn run() -> u8 {
    let (to_server, from_client) = bounded(0);
    let (to_client, from_server) = bounded(0);
    let reader = spawn("lsp-reader", move || read(&to_server));
    let writer = spawn("lsp-writer", move || write(&from_server));
    let conn = Connection {
        sender: to_client,
        receiver: from_client,
    };
    let served = duechain::lsp::serve(&conn, &files::Disk)
        .map_err(|e| Broken::Connection(msg!("lsp-stopped", reason = e)));
    drop(conn);
    // A broken message ends the reader first and the server with it, so the reader's error,
    // taken first, is the reason.
    match join(reader).and(served).and(join(writer)) {
        Ok(()) => OK,
        Err(broken) => {
            broken.report();
            INVALID
        }
    }
}

/// Why the language server stopped early.
enum Broken {
    /// The client sent a broken message, or none before `exit` (DC0910).
    Frame(Msg),
    /// The connection or a thread failed (DC0909).
    Connection(Msg),
}

impl Broken {
    fn report(self) {
        match self {
            Broken::Frame(m) => fail(
                Code::ProtocolBroken,
                "standard input",
                m,
                msg!("lsp-frame-help"),
            ),
            Broken::Connection(m) => fail(Code::SystemRefused, "stdio", m, msg!("system-help")),
        }
    }
}

impl From<Msg> for Broken {
    fn from(m: Msg) -> Self {
        Broken::Connection(m)
    }
}

/// Reads messages from standard input into the server until `exit`, or until the server stops.
fn read(to_server: &Sender<Message>) -> Result<(), Broken> {
    let mut input = std::io::stdin().lock();
    for n in 1.. {
        let message = match frame::read(&mut input) {
            Ok(Some(m)) => m,
            Ok(None) => return Err(Broken::Frame(msg!("lsp-no-exit", n = n))),
            Err(e) => return Err(Broken::Frame(e.message(n))),
        };
        let exit = matches!(&message, Message::Notification(x) if x.method == "exit");
        if to_server.send(message).is_err() || exit {
            break;
        }
    }
    Ok(())
}

/// Writes the server's messages to standard output until it drops its end.
fn write(from_server: &Receiver<Message>) -> Result<(), Broken> {
    let mut out = std::io::stdout().lock();
    for message in from_server {
        message
            .write(&mut out)
            .and_then(|()| out.flush())
            .map_err(|e| msg!("lsp-stopped", reason = e))?;
    }
    Ok(())
}

type Worker = Result<JoinHandle<Result<(), Broken>>, Broken>;

fn spawn(name: &str, work: impl FnOnce() -> Result<(), Broken> + Send + 'static) -> Worker {
    std::thread::Builder::new()
        .name(name.to_owned())
        .spawn(work)
        .map_err(|e| msg!("lsp-stopped", reason = e).into())
}

fn join(worker: Worker) -> Result<(), Broken> {
    worker?
        .join()
        .map_err(|_| msg!("lsp-stopped", reason = "an input/output thread stopped"))?
}

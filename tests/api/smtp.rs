//! A small SMTP server on 127.0.0.1 for tests: accepts, answers 451 a few times,
//! answers 550, or accepts the connection and never says a word.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

#[derive(Clone, Copy)]
pub enum Mode {
    Accept,
    /// 451 for the first n recipients, then accept.
    TempFailFirst(usize),
    /// 550 for every recipient.
    PermFail,
    /// Accept the TCP connection and never answer.
    Hang,
}

pub struct SmtpServer {
    pub port: u16,
    /// Each accepted message's DATA.
    pub received: Arc<Mutex<Vec<String>>>,
    /// RCPT commands seen.
    pub attempts: Arc<AtomicUsize>,
}

impl SmtpServer {
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    pub fn messages(&self) -> Vec<String> {
        self.received.lock().unwrap().clone()
    }
}

pub async fn start(mode: Mode) -> SmtpServer {
    start_on(0, mode).await
}

/// Starts the server on a given port (0: any free one).
pub async fn start_on(port: u16, mode: Mode) -> SmtpServer {
    let listener = TcpListener::bind(("127.0.0.1", port)).await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let received = Arc::new(Mutex::new(Vec::new()));
    let attempts = Arc::new(AtomicUsize::new(0));
    let (r, a) = (received.clone(), attempts.clone());
    tokio::spawn(async move {
        let mut held = Vec::new();
        loop {
            let Ok((socket, _)) = listener.accept().await else {
                return;
            };
            if let Mode::Hang = mode {
                held.push(socket);
                continue;
            }
            let (r, a) = (r.clone(), a.clone());
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                if write.write_all(b"220 test.local ESMTP\r\n").await.is_err() {
                    return;
                }
                while let Ok(Some(line)) = lines.next_line().await {
                    let upper = line.to_ascii_uppercase();
                    let reply: &[u8] = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
                        b"250-test.local\r\n250 8BITMIME\r\n"
                    } else if upper.starts_with("RCPT") {
                        let n = a.fetch_add(1, Ordering::SeqCst);
                        match mode {
                            Mode::TempFailFirst(k) if n < k => b"451 4.3.0 try again later\r\n",
                            Mode::PermFail => b"550 5.1.1 no such mailbox\r\n",
                            _ => b"250 OK\r\n",
                        }
                    } else if upper.starts_with("DATA") {
                        if write.write_all(b"354 go ahead\r\n").await.is_err() {
                            return;
                        }
                        let mut data = String::new();
                        while let Ok(Some(l)) = lines.next_line().await {
                            if l == "." {
                                break;
                            }
                            data.push_str(&l);
                            data.push('\n');
                        }
                        r.lock().unwrap().push(data);
                        b"250 OK queued\r\n"
                    } else if upper.starts_with("QUIT") {
                        let _ = write.write_all(b"221 bye\r\n").await;
                        return;
                    } else {
                        b"250 OK\r\n"
                    };
                    if write.write_all(reply).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    SmtpServer {
        port,
        received,
        attempts,
    }
}

//! A canned HTTP/1.1 server on 127.0.0.1: keep-alive, one fixed answer per route, on a thread of
//! its own so that serving costs the clients under test nothing but the loopback round trip.
//!
//! It answers only what a real gateway would accept: the route's method and path (the query is
//! ignored), the right `api-key`, and `application/json` on a request with a body. Anything else
//! gets a 404, 401 or 415, so a client that sends something else cannot pass as a fast one.

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// One answer: a 200 with `body` to every `method` request for `path`.
pub struct Route {
    pub method: &'static str,
    pub path: String,
    pub body: Vec<u8>,
}

/// A running server; it lives as long as the process.
pub struct Server {
    address: SocketAddr,
}

struct Routes {
    api_key: &'static str,
    /// Each route with its whole response, head and body, written ahead of time.
    answers: Vec<(Route, Vec<u8>)>,
}

const UNAUTHORIZED: &[u8] = b"HTTP/1.1 401 Unauthorized\r\ncontent-length: 0\r\n\r\n";
const NOT_FOUND: &[u8] = b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n";
const UNSUPPORTED: &[u8] = b"HTTP/1.1 415 Unsupported Media Type\r\ncontent-length: 0\r\n\r\n";
const BAD_REQUEST: &[u8] = b"HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n";

impl Server {
    /// Listens on an ephemeral loopback port and serves `routes` to requests carrying `api_key`.
    pub fn start(api_key: &'static str, routes: Vec<Route>) -> io::Result<Self> {
        let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
        listener.set_nonblocking(true)?;
        let address = listener.local_addr()?;
        let answers = routes
            .into_iter()
            .map(|route| {
                let head = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
                    route.body.len()
                );
                let response = [head.as_bytes(), &route.body].concat();
                (route, response)
            })
            .collect();
        let routes = Arc::new(Routes { api_key, answers });
        let runtime = tokio::runtime::Builder::new_current_thread().enable_io().build()?;
        std::thread::Builder::new().name("canned-http".into()).spawn(move || {
            runtime.block_on(async move {
                let Ok(listener) = TcpListener::from_std(listener) else { return };
                while let Ok((stream, _)) = listener.accept().await {
                    tokio::spawn(serve(stream, Arc::clone(&routes)));
                }
            });
        })?;
        Ok(Self { address })
    }

    /// `http://127.0.0.1:<port>`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.address)
    }
}

/// Answers the requests of one connection in order until the client closes it.
async fn serve(mut stream: TcpStream, routes: Arc<Routes>) -> io::Result<()> {
    stream.set_nodelay(true)?;
    let mut received = Vec::with_capacity(16 * 1024);
    let mut chunk = vec![0; 16 * 1024];
    loop {
        let (length, answer) = loop {
            if let Some(request) = routes.answer(&received) {
                break request;
            }
            let read = stream.read(&mut chunk).await?;
            if read == 0 {
                return Ok(());
            }
            received.extend_from_slice(&chunk[..read]);
        };
        stream.write_all(answer).await?;
        if answer == BAD_REQUEST {
            return Ok(());
        }
        received.drain(..length);
    }
}

impl Routes {
    /// The length of the first request in `received` and its answer, once it has fully arrived.
    fn answer(&self, received: &[u8]) -> Option<(usize, &[u8])> {
        let mut headers = [httparse::EMPTY_HEADER; 32];
        let mut request = httparse::Request::new(&mut headers);
        let head_length = match request.parse(received) {
            Ok(httparse::Status::Complete(length)) => length,
            Ok(httparse::Status::Partial) => return None,
            Err(_) => return Some((received.len(), BAD_REQUEST)),
        };
        let header = |name: &str| {
            request.headers.iter().find(|header| header.name.eq_ignore_ascii_case(name)).map(|header| header.value)
        };
        let body_length = match header("content-length").map(|value| std::str::from_utf8(value).ok()?.parse().ok()) {
            None => 0,
            Some(Some(length)) => length,
            Some(None) => return Some((received.len(), BAD_REQUEST)),
        };
        let length = head_length + body_length;
        if received.len() < length {
            return None;
        }
        let (method, target) = (request.method.unwrap_or_default(), request.path.unwrap_or_default());
        let path = target.split('?').next().unwrap_or_default();
        let answer = if header("api-key") != Some(self.api_key.as_bytes()) {
            UNAUTHORIZED
        } else if body_length > 0 && header("content-type") != Some(b"application/json".as_slice()) {
            UNSUPPORTED
        } else {
            self.answers
                .iter()
                .find(|(route, _)| route.method == method && route.path == path)
                .map_or(NOT_FOUND, |(_, response)| response.as_slice())
        };
        Some((length, answer))
    }
}

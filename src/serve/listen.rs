//! The service's connections: HTTP/1.1, each with a bound on the time its client takes to send a
//! request's headers and then its body, so a client that connects and sends nothing, or sends a
//! byte at a time (slowloris), is closed or answered 408 instead of holding a connection for
//! ever. (`axum::serve` sets no such bound.) On `stop`, no connection is accepted and those open
//! finish their requests.

use std::future::Future;
use std::pin::pin;
use std::time::Duration;

use axum::Router;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::diag::Code;

/// Serves `router` on `listener` until `stop` completes and the open connections are done; a
/// client has `timeout` to send a request's headers (from its connection or its previous
/// response), and `timeout` again for the body.
pub async fn serve_until(
    listener: TcpListener,
    router: Router,
    timeout: Duration,
    stop: impl Future<Output = ()>,
) {
    let router = router.layer(axum::middleware::from_fn(move |request, next| {
        bounded(request, next, timeout)
    }));
    let (stopping, stopped) = watch::channel(false);
    let mut stop = pin!(stop);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of file descriptors and the like: wait, as the clients' connections close.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut stop => break,
        };
        let (router, stopped) = (router.clone(), stopped.clone());
        tokio::spawn(connection(stream, router, timeout, stopped));
    }
    drop(stopped);
    let _ = stopping.send(true);
    stopping.closed().await;
}

/// A request answered within `timeout` of its headers (the handlers read the body), else 408.
async fn bounded(request: Request, next: Next, timeout: Duration) -> Response {
    match tokio::time::timeout(timeout, next.run(request)).await {
        Ok(response) => response,
        Err(_) => super::error(
            StatusCode::REQUEST_TIMEOUT,
            Code::RefusedRequest,
            format!(
                "the request was not received within {} s",
                timeout.as_secs()
            ),
            "",
        ),
    }
}

/// One connection, until it closes or, once the service stops, its request in flight is done.
async fn connection(
    stream: tokio::net::TcpStream,
    router: Router,
    timeout: Duration,
    mut stopped: watch::Receiver<bool>,
) {
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(timeout);
    let service = TowerToHyperService::new(router);
    let mut conn = pin!(builder.serve_connection(TokioIo::new(stream), service));
    tokio::select! {
        _ = conn.as_mut() => return,
        _ = stopped.changed() => {}
    }
    conn.as_mut().graceful_shutdown();
    let _ = conn.await;
}

//! The service's connections: HTTP/1.1, each given a bound on the time its client takes to send a
//! request's headers, so a client that connects and sends nothing, or sends a byte at a time
//! (slowloris), is closed instead of holding a connection for ever. (`axum::serve` sets no such
//! bound.) On `stop`, no connection is accepted and those open finish their requests.

use std::future::Future;
use std::pin::pin;
use std::time::Duration;

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::watch;

/// Serves `router` on `listener` until `stop` completes and the open connections are done; a
/// client has `header_timeout` to send a request's headers, from its connection or its previous
/// response.
pub async fn serve_until(
    listener: TcpListener,
    router: Router,
    header_timeout: Duration,
    stop: impl Future<Output = ()>,
) {
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
        tokio::spawn(connection(stream, router, header_timeout, stopped));
    }
    drop(stopped);
    let _ = stopping.send(true);
    stopping.closed().await;
}

/// One connection, until it closes or, once the service stops, its request in flight is done.
async fn connection(
    stream: tokio::net::TcpStream,
    router: Router,
    header_timeout: Duration,
    mut stopped: watch::Receiver<bool>,
) {
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(header_timeout);
    let service = TowerToHyperService::new(router);
    let mut conn = pin!(builder.serve_connection(TokioIo::new(stream), service));
    tokio::select! {
        _ = conn.as_mut() => return,
        _ = stopped.changed() => {}
    }
    conn.as_mut().graceful_shutdown();
    let _ = conn.await;
}

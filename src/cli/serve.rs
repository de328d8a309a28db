//! `duechain serve`: the live service over a SQLite or PostgreSQL store, on 127.0.0.1 unless told otherwise.

use std::sync::Arc;

use super::args::{ServeArgs, TokenCommand};
use super::{INVALID, OK, files};
use duechain::diag::Code;
use duechain::serve::{Service, router, serve_until};
use duechain::store::{Holder, Scope, Store};

/// Serves until interrupted; 2 when the rulebook, the store or the address cannot be used.
pub fn run(args: &ServeArgs) -> u8 {
    let Some(checked) = files::valid(&args.root, &args.rulebook) else {
        return INVALID;
    };
    let Some(model) = checked.model else {
        return INVALID;
    };
    let place = duechain::store::shown(&args.db);
    let store = match Store::open(&args.db) {
        Ok(s) => s,
        Err(e) => {
            let help = duechain::msg!("db-serve-help");
            super::fail(
                Code::UnreadableFile,
                &place,
                duechain::msg!("plain", text = e),
                help,
            );
            return INVALID;
        }
    };
    let service = Arc::new(Service::new(model, store));
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            let message = duechain::msg!("cannot-start-service", reason = e);
            let help = duechain::msg!("system-help");
            super::fail(Code::SystemRefused, &args.listen, message, help);
            return INVALID;
        }
    };
    runtime.block_on(async {
        let listener = match tokio::net::TcpListener::bind(&args.listen).await {
            Ok(l) => l,
            Err(e) => {
                let help = duechain::msg!("listen-help");
                super::fail(
                    Code::SystemRefused,
                    &args.listen,
                    duechain::msg!("cannot-listen", address = args.listen, reason = e),
                    help,
                );
                return INVALID;
            }
        };
        let addr = listener
            .local_addr()
            .map(|a| a.to_string())
            .unwrap_or_default();
        outln!("listening on http://{addr}");
        let stop = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        let client_timeout = std::time::Duration::from_secs(args.client_timeout);
        serve_until(listener, router(service), client_timeout, stop).await;
        OK
    })
}

/// `duechain token create`: prints a new token for the store.
pub fn token(cmd: &TokenCommand) -> u8 {
    let TokenCommand::Create(args) = cmd;
    let holder = Holder {
        name: args.name.clone(),
        scope: Scope::parse(&args.scope).unwrap_or(Scope::Auditor),
        unit: args.unit.clone(),
    };
    let made = Store::open(&args.db).and_then(|s| s.create_token(&holder));
    match made {
        Ok(token) => {
            outln!("{token}");
            OK
        }
        Err(e) => {
            let place = duechain::store::shown(&args.db);
            super::fail(
                Code::UnreadableFile,
                &place,
                duechain::msg!("plain", text = e),
                duechain::msg!("db-token-help"),
            );
            INVALID
        }
    }
}

//! The integration tests: one binary (so the app is linked once), one
//! module per part of the API. Every test starts the real server against its
//! own database; see `support`.

mod support;

mod cache;
mod cli;
mod compat;
mod constraints;
mod email;
mod errors;
mod health;
mod hostile;
mod integrity;
mod items;
mod jobs;
mod leftovers;
mod login;
mod migrations;
mod openapi;
mod outage;
mod private;
mod rate_limit;
mod recovery;
mod trusted_proxies;
mod users;

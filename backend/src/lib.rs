//! The API server, migrations and admin commands of the full-stack template.

pub mod accounts;
pub mod api;
pub mod auth;
pub mod cli;
pub mod config;
pub mod db;
pub mod domain;
pub mod email;
pub mod error;
pub mod extract;
pub mod healthcheck;
pub mod jobs;
pub mod jobs_cli;
pub mod metrics;
pub mod middleware;
pub mod migrate;
pub mod openapi;
pub mod rate_limit;
pub mod redis_store;
pub mod routes;
pub mod shutdown;
pub mod startup;
pub mod state;
pub mod superuser;
pub mod telemetry;
pub mod worker_app;

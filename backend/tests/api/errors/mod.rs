//! What every route shares: the error envelope, request bodies, request
//! ids, CORS, compression, metrics, connection limits and graceful shutdown.

mod bodies;
mod connections;
mod cors_and_gzip;
mod envelope;
mod metrics;
mod request_id;
mod shutdown;
mod timeout;

//! What every route shares: the error envelope, request bodies, request
//! ids, CORS, compression, metrics and graceful shutdown.

mod bodies;
mod cors_and_gzip;
mod envelope;
mod metrics;
mod request_id;
mod shutdown;
mod timeout;

//! Reading jobs from the stream: new ones, and ones taken over from workers
//! that stopped heart-beating.

use redis::Value;
use redis::streams::{StreamAutoClaimReply, StreamId, StreamReadReply};
use uuid::Uuid;

use super::{BLOCK, Inner};
use crate::jobs::envelope::{Envelope, now_us};
use crate::jobs::keys::GROUP;

/// One job handed to this worker.
pub struct Delivery {
    /// The stream entry; acknowledged when the job is settled.
    pub entry_id: String,
    pub envelope: Envelope,
    pub ready_at_us: u64,
    /// Why the entry cannot run at all (it is not a job envelope).
    pub malformed: Option<String>,
}

/// Up to `count` new jobs, waiting up to `BLOCK` for the first; `None`
/// when Redis is unavailable.
pub async fn read_new(inner: &Inner, count: usize) -> Option<Vec<Delivery>> {
    let mut command = redis::cmd("XREADGROUP");
    command
        .arg("GROUP")
        .arg(GROUP)
        .arg(&inner.consumer)
        .arg("COUNT")
        .arg(count)
        .arg("BLOCK")
        .arg(BLOCK.as_millis() as u64)
        .arg("STREAMS")
        .arg(&inner.queue().keys().stream)
        .arg(">");
    let reply: Option<StreamReadReply> = inner.reader.query(&command).await?;
    let entries = reply
        .into_iter()
        .flat_map(|reply| reply.keys)
        .flat_map(|key| key.ids);
    Some(inner.accept(entries))
}

/// Claims deliveries idle for longer than the visibility timeout (their
/// worker died or froze) for this worker.
pub async fn take_over_abandoned(inner: &Inner) -> Option<Vec<Delivery>> {
    let mut taken = Vec::new();
    let mut cursor = "0-0".to_owned();
    loop {
        let mut command = redis::cmd("XAUTOCLAIM");
        command
            .arg(&inner.queue().keys().stream)
            .arg(GROUP)
            .arg(&inner.consumer)
            .arg(inner.config.visibility_timeout.as_millis() as u64)
            .arg(&cursor)
            .arg("COUNT")
            .arg(100);
        let reply: StreamAutoClaimReply = inner.queue().redis().query(&command).await?;
        taken.extend(inner.accept(reply.claimed));
        if reply.next_stream_id == "0-0" {
            return Some(taken);
        }
        cursor = reply.next_stream_id;
    }
}

/// Creates the consumer group, reading from the stream's start so that jobs
/// queued before any worker ran are not skipped; one that exists is fine.
pub async fn create_group(inner: &Inner) -> anyhow::Result<()> {
    let mut command = redis::cmd("XGROUP");
    command
        .arg("CREATE")
        .arg(&inner.queue().keys().stream)
        .arg(GROUP)
        .arg("0")
        .arg("MKSTREAM");
    match inner.reader.query_result::<Value>(&command).await {
        Ok(_) => Ok(()),
        Err(err) if err.code() == Some("BUSYGROUP") => Ok(()),
        Err(err) => Err(err.into()),
    }
}

impl Inner {
    /// Records the entries as held by this worker and decodes them.
    fn accept(&self, entries: impl IntoIterator<Item = StreamId>) -> Vec<Delivery> {
        let deliveries: Vec<Delivery> = entries.into_iter().map(decode).collect();
        let mut held = self.held.lock().expect("not poisoned");
        held.extend(deliveries.iter().map(|d| d.entry_id.clone()));
        deliveries
    }
}

/// A stream entry as a delivery. An entry that is not a job envelope is
/// wrapped in one named `malformed`, so it ends up in the dead-letter set
/// for an operator to see rather than vanishing.
fn decode(entry: StreamId) -> Delivery {
    let text = |field: &str| -> Option<String> { entry.get(field) };
    let raw = text("job").unwrap_or_default();
    let ready_at_us = text("ready_us")
        .and_then(|us| us.parse().ok())
        .unwrap_or_else(now_us);
    let (envelope, malformed) = match serde_json::from_str(&raw) {
        Ok(envelope) => (envelope, None),
        Err(err) => {
            let envelope = Envelope {
                id: Uuid::new_v4(),
                name: "malformed".to_owned(),
                args: serde_json::Value::String(raw),
                attempt: 0,
                max_attempts: 1,
                enqueued_at_ms: ready_at_us / 1000,
                error: None,
                dead_at_ms: None,
            };
            (
                envelope,
                Some(format!("stream entry is not a job envelope: {err}")),
            )
        }
    };
    Delivery {
        entry_id: entry.id,
        envelope,
        ready_at_us,
        malformed,
    }
}

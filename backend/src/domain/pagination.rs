use serde::Deserialize;
use utoipa::IntoParams;

use crate::error::AppError;

const DEFAULT_LIMIT: i64 = 100;
const MAX_LIMIT: i64 = 1000;

/// `?skip=&limit=` as sent by clients written for the FastAPI template.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Pagination {
    /// How many records to skip (0 or more).
    #[param(minimum = 0, default = 0)]
    skip: Option<i64>,
    /// How many records to return (0 to 1000).
    #[param(minimum = 0, maximum = 1000, default = 100)]
    limit: Option<i64>,
}

/// A checked page request.
#[derive(Debug, Clone, Copy)]
pub struct Page {
    pub offset: i64,
    pub limit: i64,
}

impl Pagination {
    pub fn page(&self) -> Result<Page, AppError> {
        let offset = self.skip.unwrap_or(0);
        let limit = self.limit.unwrap_or(DEFAULT_LIMIT);
        if offset < 0 {
            return Err(AppError::invalid_field("skip", "must be 0 or more"));
        }
        if !(0..=MAX_LIMIT).contains(&limit) {
            return Err(AppError::invalid_field(
                "limit",
                "must be between 0 and 1000",
            ));
        }
        Ok(Page { offset, limit })
    }
}

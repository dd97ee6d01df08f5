use serde::Deserialize;
use utoipa::IntoParams;
use utoipa::openapi::path::{Parameter, ParameterIn};
use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};

use super::schema::parameter;
use crate::error::AppError;

const DEFAULT_LIMIT: i64 = 100;
const MAX_LIMIT: i64 = 1000;

/// `?skip=&limit=` as sent by clients written for the FastAPI template.
#[derive(Debug, Deserialize)]
pub struct Pagination {
    skip: Option<i64>,
    limit: Option<i64>,
}

impl IntoParams for Pagination {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        let count = |default: i64| {
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
                .minimum(Some(0))
                .default(Some(default.into()))
        };
        let skip = count(0).build();
        let limit = count(DEFAULT_LIMIT).maximum(Some(MAX_LIMIT)).build();
        vec![
            parameter(
                "skip",
                ParameterIn::Query,
                false,
                "How many records to skip.",
                skip,
            ),
            parameter(
                "limit",
                ParameterIn::Query,
                false,
                "How many records to return.",
                limit,
            ),
        ]
    }
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
            let message = format!("must be between 0 and {MAX_LIMIT}");
            return Err(AppError::invalid_field("limit", &message));
        }
        Ok(Page { offset, limit })
    }
}

//! Collects every field error of one input, so a 422 lists them all at once.

use crate::error::{AppError, FieldError};

#[derive(Default)]
pub struct Validator {
    errors: Vec<FieldError>,
}

impl Validator {
    /// Records the error, if any, and hands back the parsed value.
    pub fn check<T>(&mut self, field: &str, parsed: Result<T, String>) -> Option<T> {
        parsed
            .map_err(|message| self.errors.push(FieldError::new(field, message)))
            .ok()
    }

    /// Like [`Validator::check`] for an optional input: `None` stays `None`.
    pub fn check_optional<R, T>(
        &mut self,
        field: &str,
        raw: Option<R>,
        parse: impl FnOnce(R) -> Result<T, String>,
    ) -> Option<Option<T>> {
        match raw {
            None => Some(None),
            Some(raw) => self.check(field, parse(raw)).map(Some),
        }
    }

    /// Records a missing value as a required field, and hands back the value.
    pub fn required<T>(&mut self, field: &str, value: Option<T>) -> Option<T> {
        if value.is_none() {
            self.errors.push(FieldError::required(field));
        }
        value
    }

    /// What `build` makes of the checked values, or the 422 naming each
    /// rejected field. `build` runs once every check passed, so each value
    /// a check handed back is there and it takes them with `?`.
    pub fn finish_with<T>(self, build: impl FnOnce() -> Option<T>) -> Result<T, AppError> {
        self.finish()?;
        Ok(build().expect("every check passed, so every checked value is there"))
    }

    /// The 422 to answer when any field was rejected.
    pub fn finish(self) -> Result<(), AppError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(AppError::validation(self.errors))
        }
    }
}

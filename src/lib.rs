//! Haeju Trader: a trader in Haeju, her phone, and the state that reads it.

#[cfg(feature = "gui")]
pub mod app;
pub mod cli;
pub mod content;
pub mod rules;
pub mod sim;

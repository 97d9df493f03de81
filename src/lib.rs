//! Haeju Trader: a trader in Haeju, her phone, and the state that reads it.

#[cfg(feature = "gui")]
pub mod app;
pub mod cli;
pub mod content;
#[cfg(feature = "gui")]
pub mod platform;
pub mod rules;
#[cfg(feature = "gui")]
pub mod screens;
pub mod sim;
#[cfg(feature = "gui")]
pub mod ui;

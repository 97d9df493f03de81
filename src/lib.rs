//! Haeju Trader: a trader in Haeju, her phone, and the state that reads it.

#[cfg(feature = "gui")]
pub mod access;
#[cfg(feature = "gui")]
pub mod app;
pub mod check;
pub mod cli;
pub mod content;
// The scripted runs (the tour, the statistics): the desktop's only, the browser has no
// command line.
#[cfg(all(feature = "gui", not(target_arch = "wasm32")))]
pub mod dev;
#[cfg(all(feature = "gui", target_arch = "wasm32"))]
pub mod dev {
    /// Nothing scripted in the browser.
    pub fn install(
        _: &mut bevy::prelude::App,
        _: &crate::cli::Play,
        _: bool,
        _: bevy::platform::time::Instant,
    ) -> Result<(), i32> {
        Ok(())
    }
}
// (The printed handouts are made on the desktop; the browser build leaves them out.)
#[cfg(not(target_arch = "wasm32"))]
pub mod handout;
#[cfg(target_arch = "wasm32")]
pub mod handout {
    /// The browser's bundle carries the handouts made on the desktop.
    pub fn write_all(_: &std::path::Path) -> Result<Vec<std::path::PathBuf>, String> {
        Err("the handouts are made on the desktop".into())
    }
}
pub mod i18n;
pub mod platform;
pub mod report;
pub mod rules;
pub mod save;
#[cfg(feature = "gui")]
pub mod screens;
pub mod session;
pub mod settings;
pub mod sim;
#[cfg(feature = "gui")]
pub mod sound;
pub mod stats;
#[cfg(feature = "gui")]
pub mod ui;

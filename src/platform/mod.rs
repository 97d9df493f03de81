//! What differs between desktop and web, and nothing else: where the save lives (a file on
//! desktop, the browser's localStorage on the web), where exports go (files or downloads),
//! what the page is told, and the clock. Everything above this module is the same on both;
//! it imports nothing from the screens.

pub use crate::save::{SAVE_VERSION, SaveFile};

/// Wall-clock time for speed lines. The browser's std has no clock (it panics), so there the
/// time is not measured (the debrief's simulation never shows it).
pub struct Clock(#[cfg(not(target_arch = "wasm32"))] std::time::Instant);

impl Clock {
    pub fn start() -> Clock {
        Clock(
            #[cfg(not(target_arch = "wasm32"))]
            std::time::Instant::now(),
        )
    }

    pub fn seconds(&self) -> f64 {
        #[cfg(not(target_arch = "wasm32"))]
        return self.0.elapsed().as_secs_f64();
        #[cfg(target_arch = "wasm32")]
        return 0.0;
    }
}

#[cfg(feature = "gui")]
mod window;
#[cfg(feature = "gui")]
pub use window::*;

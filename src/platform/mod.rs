//! What differs between desktop and web, and nothing else: where the save lives (a file on
//! desktop, the browser's localStorage on the web), where exports go (files or downloads),
//! what the page is told, and the clock. Everything above this module is the same on both;
//! it imports nothing from the screens.

pub use crate::save::{SAVE_VERSION, SaveFile};

/// In a browser page (files come through the page's pickers and downloads; no folders, no
/// dropped paths, no command line).
pub const BROWSER: bool = cfg!(target_arch = "wasm32");

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

/// Bits that differ from one moment and one machine to the next, for a new game's identity
/// (`session::new_id`): the clock and the process on desktop, the page's randomness and
/// clock in the browser.
pub fn entropy() -> u64 {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        let here = &nanos as *const u64 as u64;
        nanos ^ (u64::from(std::process::id()) << 32) ^ here.rotate_left(17)
    }
    #[cfg(target_arch = "wasm32")]
    {
        let r = (js_sys::Math::random() * 9_007_199_254_740_992.0) as u64;
        r ^ (js_sys::Date::now() as u64).rotate_left(21)
    }
}

#[cfg(feature = "gui")]
mod audio;
#[cfg(feature = "gui")]
pub use audio::AudioOut;
#[cfg(feature = "gui")]
mod window;
#[cfg(feature = "gui")]
pub use window::*;
#[cfg(all(feature = "gui", not(target_arch = "wasm32")))]
mod screen_reader;

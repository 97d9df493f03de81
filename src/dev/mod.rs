//! The scripted ways to run the game, on the desktop only (gated once, in `lib.rs`): the
//! screenshot tour and what it measures on each screenshot (`tour`, `glyphs`), the by-label
//! driver (`by_label`), frame statistics (`stats`) and idle statistics (`idle`).

mod by_label;
mod glyphs;
mod idle;
mod scenes;
mod stats;
mod tour;

pub use scenes::{MOMENTS, scenes};
pub use tour::{STEPS, class_steps};

/// Ends a scripted run once everything it is for is written (its pictures, its figures, what
/// was heard): the process ends here. Closing the window the usual way, lavapipe under Xvfb
/// now and then crashed in its teardown (status 139) after a run that had passed, failing its
/// test: the by-label runs twice in four suites, the idle run once with two windows at a time.
fn end_run(ok: bool) -> ! {
    use std::io::Write;
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    std::process::exit(if ok { 0 } else { 1 })
}

use crate::cli::Play;
use bevy::platform::time::Instant;
use bevy::prelude::*;

/// Adds to `app` the scripted run `opts` asks for, if any; the exit status if it cannot.
pub fn install(app: &mut App, opts: &Play, probe: bool, started: Instant) -> Result<(), i32> {
    if let Some(dir) = opts.tour.clone() {
        if let Err(e) = std::fs::create_dir_all(&dir) {
            eprintln!("haeju-trader: cannot create {}: {e}", dir.display());
            return Err(2);
        }
        // The tour must not touch the player's own save.
        // SAFETY: set before any thread of the app starts.
        unsafe { std::env::set_var("HAEJU_SAVE_DIR", dir.join("save")) };
        if let Some(script) = &opts.by_label {
            let installed = std::fs::read_to_string(script)
                .map_err(|e| format!("{}: {e}", script.display()))
                .and_then(|text| by_label::install(app, &dir, &text));
            if let Err(e) = installed {
                eprintln!("haeju-trader: --by-label {e}");
                return Err(2);
            }
        } else {
            app.insert_resource(tour::Tour {
                dir,
                steps: if probe {
                    (0..4).map(|n| format!("probe-{n}")).collect()
                } else if opts.scenes {
                    scenes()
                } else if opts.class_view.is_some() {
                    class_steps()
                } else {
                    STEPS.iter().map(|s| s.to_string()).collect()
                },
                step: 0,
                frame: 0,
            })
            .add_systems(Update, tour::tour)
            .add_systems(
                PostUpdate,
                glyphs::write_glyphs
                    .after(bevy_egui::EguiPostUpdateSet::EndPass)
                    .before(bevy_egui::EguiPostUpdateSet::ProcessOutput),
            );
        }
    }
    if let Some(secs) = opts.frame_stats {
        app.insert_resource(stats::Stats {
            bare: opts.bare,
            drawn: (0, 0, 0.0),
            started,
            seconds: secs,
            first: None,
            frames: Vec::new(),
            begun: None,
        })
        .add_systems(Update, stats::stats)
        .add_systems(Last, stats::egui_drawn);
    }
    if let Some(secs) = opts.idle_stats {
        app.insert_resource(idle::Idle::new(secs))
            .add_systems(Startup, idle::idle_watch)
            .add_systems(Last, idle::idle_step);
    }
    Ok(())
}

//! Frame statistics (`play --frame-stats SECS`): frame times on the street map (or the bare
//! window), what egui drew, the memory used.

use super::tour::new_game;
use crate::screens::{Do, Screen, handle};
use bevy::platform::time::Instant;
use bevy::prelude::*;
use std::time::Duration;

#[derive(Resource)]
pub(super) struct Stats {
    /// Measuring the bare window, not the street map.
    pub(super) bare: bool,
    /// What egui drew in the last frame: meshes, triangles, and the area they cover
    /// (pixels, overlaps counted each time: what a software renderer shades).
    pub(super) drawn: (usize, usize, f32),
    pub(super) started: Instant,
    pub(super) seconds: f32,
    pub(super) first: Option<Duration>,
    pub(super) frames: Vec<f32>,
    pub(super) begun: Option<Instant>,
}

/// egui's meshes of this frame (once egui has painted, before they go to the renderer):
/// how many, their triangles, and the pixels they cover.
pub(super) fn egui_drawn(outputs: Query<&bevy_egui::EguiRenderOutput>, mut st: ResMut<Stats>) {
    let (mut jobs, mut triangles, mut area) = (0, 0, 0.0f32);
    for out in &outputs {
        for job in &out.paint_jobs {
            let bevy_egui::egui::epaint::Primitive::Mesh(mesh) = &job.primitive else {
                continue;
            };
            jobs += 1;
            triangles += mesh.indices.len() / 3;
            for t in mesh.indices.chunks_exact(3) {
                let [a, b, c] = [t[0], t[1], t[2]].map(|i| mesh.vertices[i as usize].pos);
                area += ((b - a).x * (c - a).y - (b - a).y * (c - a).x).abs() / 2.0;
            }
        }
    }
    st.drawn = (jobs, triangles, area);
}

/// A game on the street map, its cards read (as frame and idle statistics measure it).
pub(super) fn to_street(world: &mut World) {
    new_game(world);
    handle(world, Do::Go(Screen::Street));
}

pub(super) fn stats(world: &mut World) {
    let now = Instant::now();
    if world.resource::<Stats>().first.is_none() {
        // First frame: set up a game on the street map and start measuring after it.
        let started = world.resource::<Stats>().started;
        world.resource_mut::<Stats>().first = Some(now - started);
        if !world.resource::<Stats>().bare {
            to_street(world);
        }
        return;
    }
    let dt = world.resource::<Time>().delta_secs();
    let mut st = world.resource_mut::<Stats>();
    let begun = *st.begun.get_or_insert(now);
    // Skip the first second: the screen change and shader warm-up.
    if now - begun > Duration::from_secs(1) {
        st.frames.push(dt * 1000.0);
    }
    if (now - begun).as_secs_f32() >= st.seconds + 1.0 {
        let mut f = st.frames.clone();
        f.sort_by(|a, b| a.total_cmp(b));
        let n = f.len().max(1);
        let mean = f.iter().sum::<f32>() / n as f32;
        let p99 = f
            .get(((n as f32 * 0.99) as usize).min(n - 1))
            .copied()
            .unwrap_or(0.0);
        let rss = peak_rss_kib();
        println!(
            "first frame after start: {:.0} ms",
            st.first.unwrap_or_default().as_secs_f64() * 1000.0
        );
        let what = if st.bare {
            "a bare window (one label)"
        } else {
            "the street map"
        };
        println!("frames measured: {} on {what} at 1280x720", f.len());
        println!(
            "frame time mean: {mean:.2} ms ({:.1} fps), p99: {p99:.2} ms",
            1000.0 / mean.max(0.001)
        );
        println!("peak RSS: {:.1} MiB", rss as f64 / 1024.0);
        let (jobs, triangles, area) = st.drawn;
        println!(
            "egui's last frame: {jobs} meshes, {triangles} triangles covering {:.2} windows of pixels",
            area / (1280.0 * 720.0)
        );
        super::end_run(true);
    }
}

fn proc_status(field: &str) -> Option<u64> {
    std::fs::read_to_string("/proc/self/status")
        .ok()?
        .lines()
        .find(|l| l.starts_with(field))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn peak_rss_kib() -> u64 {
    proc_status("VmHWM:").unwrap_or(0)
}

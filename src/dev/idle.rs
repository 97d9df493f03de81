//! Idle statistics (`play --idle-stats SECS`): the CPU the game takes while nothing happens.

use super::stats::to_street;
use bevy::platform::time::Instant;
use bevy::prelude::*;
use bevy::winit::{EventLoopProxyWrapper, WinitSettings, WinitUserEvent};
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, AtomicU64, Ordering};
use std::time::Duration;

/// Idle statistics in phases: a watcher thread measures the process's CPU time over idle
/// seconds on the title, then on the street map, waking the app only between phases; then
/// frames run back to back for two seconds on the street map and every resource of the game
/// marked changed meanwhile is named.
#[derive(Resource)]
pub(super) struct Idle {
    seconds: f32,
    phase: Arc<AtomicU8>,
    frames: Arc<AtomicU64>,
    /// The change check: when it began, and each game resource's last change then.
    check: Option<(Instant, Vec<(String, u32)>)>,
}

const TITLE_IDLE: u8 = 0;
const GO_STREET: u8 = 1;
const STREET_IDLE: u8 = 2;
const CHANGE_CHECK: u8 = 3;

impl Idle {
    pub(super) fn new(seconds: f32) -> Idle {
        Idle {
            seconds,
            phase: Arc::new(AtomicU8::new(TITLE_IDLE)),
            frames: Arc::new(AtomicU64::new(0)),
            check: None,
        }
    }
}

/// CPU seconds this process has used (user + system, all threads), from /proc.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which may hold spaces) in parentheses.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<u64> = rest
        .split_whitespace()
        .filter_map(|x| x.parse().ok())
        .collect();
    // utime and stime are fields 14 and 15 of the line, 11 and 12 after the name and state
    // (the state is a letter and was skipped); in clock ticks of 1/100 s on Linux.
    (f.get(10).copied().unwrap_or(0) + f.get(11).copied().unwrap_or(0)) as f64 / 100.0
}

pub(super) fn idle_watch(idle: Res<Idle>, proxy: Option<Res<EventLoopProxyWrapper>>) {
    let Some(proxy) = proxy else {
        eprintln!("idle stats: no event loop to wake");
        return;
    };
    let proxy = (**proxy).clone();
    let (phase, frames, secs) = (idle.phase.clone(), idle.frames.clone(), idle.seconds);
    std::thread::spawn(move || {
        let measure = |what: &str| {
            // Let the screen settle (first frames, shader warm-up) before measuring.
            std::thread::sleep(Duration::from_millis(2500));
            let (cpu, n) = (cpu_seconds(), frames.load(Ordering::Relaxed));
            std::thread::sleep(Duration::from_secs_f32(secs));
            let used = cpu_seconds() - cpu;
            let drawn = frames.load(Ordering::Relaxed) - n;
            println!(
                "idle on the {what}: {used:.2} CPU-s over {secs:.0} s ({:.1}% of one core), {drawn} frames",
                100.0 * used / secs as f64
            );
        };
        measure("title");
        phase.store(GO_STREET, Ordering::SeqCst);
        let _ = proxy.send_event(WinitUserEvent::WakeUp);
        while phase.load(Ordering::SeqCst) != STREET_IDLE {
            std::thread::sleep(Duration::from_millis(10));
        }
        measure("street map");
        phase.store(CHANGE_CHECK, Ordering::SeqCst);
        let _ = proxy.send_event(WinitUserEvent::WakeUp);
    });
}

/// The game's own resources (the engine's and the message queues left out) and the tick of
/// their last change.
fn game_resources(world: &World) -> Vec<(String, u32)> {
    world
        .iter_resources()
        .filter(|(_, info, _)| {
            let name = info.name().to_string();
            // (Not the Idle resource: it is this measurement's own notebook.)
            name.contains("haeju_trader")
                && !name.contains("Messages<")
                && !name.ends_with("dev::idle::Idle")
        })
        .filter_map(|(id, info, _)| {
            let ticks = world.get_resource_change_ticks_by_id(id)?;
            Some((info.name().to_string(), ticks.changed.get()))
        })
        .collect()
}

pub(super) fn idle_step(world: &mut World) {
    let (phase, frames) = {
        let idle = world.resource::<Idle>();
        (idle.phase.clone(), idle.frames.clone())
    };
    frames.fetch_add(1, Ordering::Relaxed);
    match phase.load(Ordering::SeqCst) {
        GO_STREET => {
            to_street(world);
            phase.store(STREET_IDLE, Ordering::SeqCst);
        }
        CHANGE_CHECK => {
            let now = Instant::now();
            let Some((since, before)) = world.resource::<Idle>().check.clone() else {
                // Frames back to back from here, as a game that redraws all the time would.
                world.insert_resource(WinitSettings::continuous());
                let before = game_resources(world);
                world.resource_mut::<Idle>().check = Some((now, before));
                return;
            };
            if now - since < Duration::from_secs(2) {
                return;
            }
            let changed: Vec<String> = game_resources(world)
                .into_iter()
                .filter(|(name, tick)| before.iter().any(|(n, t)| n == name && t != tick))
                .map(|(name, _)| name)
                .collect();
            println!(
                "resources of the game watched over 2 s of frames on the street map: {}",
                before.len()
            );
            println!(
                "resources changed while idle: {}",
                if changed.is_empty() {
                    "none".to_string()
                } else {
                    changed.join(", ")
                }
            );
            super::end_run(true);
        }
        _ => {}
    }
}

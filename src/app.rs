//! Composes the game's plugins into a window, and the two scripted ways to run it: the
//! screenshot tour and frame statistics.

use crate::rules::Action;
use crate::screens::{self, Screen, Session, Settings};
use crate::ui::phone::{App as PhoneApp, PhoneUi};
use bevy::platform::time::Instant;
use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, save_to_disk};
use bevy_egui::EguiPlugin;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Default, Debug, Clone)]
pub struct Options {
    pub level: Option<String>,
    pub seed: Option<u64>,
    /// Play a scripted route through every screen, saving `DIR/NN-name.png`, then exit.
    pub tour: Option<PathBuf>,
    /// Measure frame times on the street map for this many seconds, print them, exit.
    pub frame_stats: Option<f32>,
    /// UI scale to start with (a projector wants 1.5).
    pub scale: Option<f32>,
    /// Start in Korean.
    pub korean: bool,
}

/// Opens the window; returns the process exit status.
pub fn run(opts: Options, started: Instant) -> i32 {
    let mut settings = Settings::default();
    if let Some(l) = &opts.level {
        if crate::content::resolve_level(l).is_none() {
            eprintln!("haeju-trader: no such level {l:?}");
            return 2;
        }
        settings.level = l.clone();
    }
    if let Some(s) = opts.seed {
        settings.seed = s;
    }
    if let Some(s) = opts.scale {
        settings.scale = s;
    }
    if opts.korean {
        settings.lang = crate::rules::Lang::Ko;
    }
    if opts.tour.is_some() {
        // Screenshots show whole texts, not half-typed ones.
        settings.text_speed = screens::TextSpeed::Instant;
    }
    let mut app = App::new();
    app.add_plugins(DefaultPlugins.set(WindowPlugin {
        primary_window: Some(Window {
            title: "Haeju Trader".into(),
            resolution: (1280u32, 720u32).into(),
            // In the browser: draw into the page's canvas and follow its size.
            canvas: Some("#bevy".into()),
            fit_canvas_to_parent: true,
            ..default()
        }),
        ..default()
    }))
    .add_plugins(EguiPlugin::default())
    .insert_resource(settings)
    .add_plugins(screens::plugin)
    .add_systems(Startup, |mut commands: Commands| {
        commands.spawn(Camera2d);
    });
    if let Some(dir) = opts.tour.clone() {
        if let Err(e) = std::fs::create_dir_all(&dir) {
            eprintln!("haeju-trader: cannot create {}: {e}", dir.display());
            return 2;
        }
        // The tour must not touch the player's own save.
        // SAFETY: set before any thread of the app starts.
        unsafe { std::env::set_var("HAEJU_SAVE_DIR", dir.join("save")) };
        app.insert_resource(Tour {
            dir,
            step: 0,
            frame: 0,
        })
        .add_systems(Update, tour);
    }
    if let Some(secs) = opts.frame_stats {
        app.insert_resource(Stats {
            started,
            seconds: secs,
            first: None,
            frames: Vec::new(),
            begun: None,
        })
        .add_systems(Update, stats);
    }
    app.run();
    0
}

// ---------------------------------------------------------------- the tour

#[derive(Resource)]
struct Tour {
    dir: PathBuf,
    step: usize,
    frame: u32,
}

/// The screens of the tour, in order; each sets up its screen from the one before.
pub const STEPS: [&str; 18] = [
    "title",
    "levels",
    "notice",
    "briefing",
    "morning",
    "phone-messages",
    "street",
    "place",
    "phone-trace",
    "fact-card",
    "inspection-stopped",
    "inspection-found",
    "inspection-outcome",
    "evening",
    "settings-korean",
    "sources",
    "ending",
    "debrief",
];

const SETTLE: u32 = 12;

fn tour(world: &mut World) {
    let frame = {
        let mut t = world.resource_mut::<Tour>();
        t.frame += 1;
        t.frame
    };
    let (step, dir) = {
        let t = world.resource::<Tour>();
        (t.step, t.dir.clone())
    };
    if step >= STEPS.len() {
        if frame > 20 {
            world.write_message(AppExit::Success);
        }
        return;
    }
    if frame == 1 {
        setup(world, STEPS[step]);
    } else if frame == SETTLE {
        let path = dir.join(format!("{:02}-{}.png", step + 1, STEPS[step]));
        world
            .commands()
            .spawn(Screenshot::primary_window())
            .observe(save_to_disk(path));
    } else if frame >= SETTLE + 8 {
        let mut t = world.resource_mut::<Tour>();
        t.step += 1;
        t.frame = 0;
    }
}

fn go(world: &mut World, s: Screen) {
    world.resource_mut::<NextState<Screen>>().set(s);
}

fn new_session(world: &mut World) {
    let (level, seed) = {
        let st = world.resource::<Settings>();
        (st.level.clone(), st.seed)
    };
    match Session::new(&level, seed) {
        Ok(mut s) => {
            s.fact_queue.clear();
            world.insert_resource(s);
        }
        Err(e) => eprintln!("tour: {e}"),
    }
}

fn act(world: &mut World, a: Action) -> Vec<crate::rules::Event> {
    world.resource_mut::<Session>().act(a)
}

fn place(world: &World, id: &str) -> u16 {
    let s = world.resource::<Session>();
    s.state
        .lv()
        .places
        .iter()
        .position(|p| p.id == id)
        .unwrap_or(0) as u16
}

fn switch_language(world: &mut World) {
    let mut st = world.resource_mut::<Settings>();
    st.lang = match st.lang {
        crate::rules::Lang::En => crate::rules::Lang::Ko,
        crate::rules::Lang::Ko => crate::rules::Lang::En,
    };
}

fn setup(world: &mut World, step: &str) {
    match step {
        "title" => go(world, Screen::Title),
        "levels" => go(world, Screen::Levels),
        "notice" => go(world, Screen::Notice),
        "briefing" => {
            new_session(world);
            go(world, Screen::Briefing);
        }
        "morning" => go(world, Screen::Morning),
        "phone-messages" => {
            let id = world
                .resource::<Session>()
                .state
                .phone
                .items
                .iter()
                .find(|i| i.kind == crate::rules::ItemKind::Thread)
                .map(|i| i.id);
            let mut p = world.resource_mut::<PhoneUi>();
            p.app = PhoneApp::Messages;
            p.selected = id;
        }
        "street" => {
            let street = place(world, "street");
            act(world, Action::Travel { to: street });
            world.resource_mut::<PhoneUi>().app = PhoneApp::Home;
            go(world, Screen::Street);
        }
        "place" => {
            let market = place(world, "market");
            act(world, Action::Travel { to: market });
            let wait = {
                let s = world.resource::<Session>();
                crate::rules::MARKET_OPEN.saturating_sub(s.state.minute)
            };
            if wait > 0 {
                act(world, Action::Wait { minutes: wait });
            }
            act(
                world,
                Action::Buy {
                    good: 0,
                    qty: 10,
                    currency: crate::rules::Currency::Won,
                },
            );
            go(world, Screen::Place);
        }
        "phone-trace" => {
            let ids: Vec<u32> = world
                .resource::<Session>()
                .state
                .phone
                .items
                .iter()
                .filter(|i| i.flags != 0)
                .map(|i| i.id)
                .collect();
            for id in ids.iter().take(4) {
                for _ in 0..3 {
                    act(world, Action::Read { item: *id });
                }
            }
            world.resource_mut::<Session>().fact_queue.clear();
            world.resource_mut::<PhoneUi>().app = PhoneApp::Trace;
            go(world, Screen::Street);
        }
        "fact-card" => {
            let mut s = world.resource_mut::<Session>();
            s.facts_seen.retain(|f| f != "trace-viewer");
            s.meet("trace-viewer");
        }
        "inspection-stopped" => {
            world.resource_mut::<Session>().fact_queue.clear();
            let (home, street) = (place(world, "home"), place(world, "street"));
            // Walk until someone stops her (the seed fixes when).
            for _ in 0..400 {
                let here = world.resource::<Session>().state.place;
                let to = if here == street { home } else { street };
                act(world, Action::Travel { to });
                let s = world.resource::<Session>();
                if s.state.inspection.is_some() || s.state.ending.is_some() {
                    break;
                }
            }
            world.resource_mut::<Session>().fact_queue.clear();
            go(world, Screen::Inspection);
        }
        "inspection-found" => {
            act(world, Action::Refuse);
            world.resource_mut::<Session>().fact_queue.clear();
        }
        "inspection-outcome" => {
            if world.resource::<Session>().state.inspection.is_some() {
                act(world, Action::HandOver);
            }
            world.resource_mut::<Session>().fact_queue.clear();
        }
        "evening" => {
            new_session(world);
            act(world, Action::EndDay);
            world.resource_mut::<Session>().fact_queue.clear();
            go(world, Screen::Evening);
        }
        // These two show the other language, then switch back.
        "settings-korean" => {
            switch_language(world);
            go(world, Screen::Settings);
        }
        "sources" => {
            switch_language(world);
            go(world, Screen::Sources);
        }
        "ending" => {
            new_session(world);
            for _ in 0..200 {
                let s = world.resource::<Session>();
                if s.state.ending.is_some() {
                    break;
                }
                let a = if s.state.inspection.is_some() {
                    Action::HandOver
                } else {
                    Action::EndDay
                };
                act(world, a);
            }
            world.resource_mut::<Session>().fact_queue.clear();
            go(world, Screen::Ending);
        }
        "debrief" => go(world, Screen::Debrief),
        _ => {}
    }
}

// ---------------------------------------------------------------- frame statistics

#[derive(Resource)]
struct Stats {
    started: Instant,
    seconds: f32,
    first: Option<Duration>,
    frames: Vec<f32>,
    begun: Option<Instant>,
}

fn stats(world: &mut World) {
    let now = Instant::now();
    if world.resource::<Stats>().first.is_none() {
        // First frame: set up a game on the street map and start measuring after it.
        let started = world.resource::<Stats>().started;
        world.resource_mut::<Stats>().first = Some(now - started);
        new_session(world);
        go(world, Screen::Street);
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
        println!("frames measured: {} on the street map at 1280x720", f.len());
        println!(
            "frame time mean: {mean:.2} ms ({:.1} fps), p99: {p99:.2} ms",
            1000.0 / mean.max(0.001)
        );
        println!("peak RSS: {:.1} MiB", rss as f64 / 1024.0);
        world.write_message(AppExit::Success);
    }
}

fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

//! Composes the game's plugins into a window, and the scripted ways to run it: the
//! screenshot tour, frame statistics and idle statistics (desktop only: the browser has no
//! command line, so its bundle leaves them out).
#![cfg_attr(
    target_arch = "wasm32",
    allow(dead_code, unused_imports, unused_variables)
)]

use crate::cli::Play;
use crate::rules::{Action, Currency, Lang};
use crate::screens::{self, Do, Screen, Settings, handle};
use crate::session::Session;
use crate::ui::phone::{App as PhoneApp, PhoneUi};
use bevy::platform::time::Instant;
use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, save_to_disk};
use bevy::winit::{EventLoopProxyWrapper, UpdateMode, WinitSettings, WinitUserEvent};
use bevy_egui::EguiPlugin;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, AtomicU64, Ordering};
use std::time::Duration;

/// Frames only when something asks for one: input, a window event, egui (a typewriter,
/// an animation, a text cursor), a state change or a choice carried out. The long wait is
/// a safety net, not a clock.
fn reactive() -> WinitSettings {
    let mode = UpdateMode::reactive_low_power(Duration::from_secs(60));
    WinitSettings {
        focused_mode: UpdateMode::Reactive {
            wait: Duration::from_secs(60),
            react_to_device_events: false,
            react_to_user_events: true,
            react_to_window_events: true,
        },
        unfocused_mode: mode,
    }
}

/// Opens the window; returns the process exit status.
pub fn run(opts: Play, started: Instant) -> i32 {
    // The player's settings from the last game (not for the tour and the measuring runs,
    // whose settings are their own); the command line's choices over them.
    let keep = opts.tour.is_none() && opts.frame_stats.is_none() && opts.idle_stats.is_none();
    let (mut settings, note) = if keep {
        let (prefs, note) = crate::platform::read_prefs();
        (Settings::default().with_prefs(&prefs), note)
    } else {
        (Settings::default(), None)
    };
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
    if opts.high_contrast {
        settings.high_contrast = true;
    }
    if let Some(code) = &opts.class_code {
        settings.class_code = code.clone();
    }
    if opts.tour.is_some() {
        // Screenshots show whole texts, not half-typed ones.
        settings.text_speed = screens::TextSpeed::Instant;
    }
    // Kept again when the player changes them (a choice made on the command line is for
    // this game only, until then).
    let kept = screens::KeptPrefs(keep.then(|| settings.prefs()));
    let mut app = App::new();
    app.add_plugins(DefaultPlugins.set(WindowPlugin {
        primary_window: Some(Window {
            title: "Haeju Trader".into(),
            resolution: (1280u32, 720u32).into(),
            // In the browser: draw into the page's canvas and follow its size.
            canvas: Some("#bevy".into()),
            fit_canvas_to_parent: true,
            // Frame statistics measure what a frame costs, not the display's refresh.
            present_mode: if opts.frame_stats.is_some() {
                bevy::window::PresentMode::AutoNoVsync
            } else {
                bevy::window::PresentMode::AutoVsync
            },
            ..default()
        }),
        ..default()
    }))
    .add_plugins(EguiPlugin::default());
    if opts.stock {
        // The yardstick as Bevy and egui come: Bevy's 2D schedule, its default camera.
        app.add_systems(Startup, |mut commands: Commands| {
            commands.spawn(Camera2d);
        });
    } else {
        app.add_systems(Startup, spawn_camera);
        ui_only_schedule(&mut app);
        crate::ui::install_egui_shader(&mut app);
    }
    let probe = opts.glyph_probe || crate::platform::page_asks_for("probe");
    if probe {
        // The glyph probe alone (`ui::probe`): the page's attributes say its moments.
        app.add_plugins((crate::platform::plugin, crate::ui::probe::plugin));
    } else if opts.bare {
        // The yardstick: the same window, Bevy and egui, one label (drawn as the game draws,
        // or with --stock as Bevy and egui draw out of the box).
        app.add_plugins(screens::fonts)
            .add_systems(bevy_egui::EguiPrimaryContextPass, bare_label);
    } else {
        // The paper every screen is drawn on (egui's panels are transparent over it).
        let [r, g, b, _] = crate::ui::paper().to_array();
        app.insert_resource(ClearColor(Color::srgb_u8(r, g, b)))
            .insert_resource(settings)
            .insert_resource(kept)
            .insert_resource(screens::Note(note))
            .add_plugins((
                crate::platform::plugin,
                crate::access::plugin,
                screens::plugin,
                crate::sound::plugin,
            ));
    }
    // The class view with the files named on the command line (`haeju-trader class FILES`);
    // a tour steps through its pages instead of the game's screens.
    if let Some(files) = &opts.class_view {
        crate::platform::push_paths(files);
        if opts.tour.is_none() {
            app.add_systems(Startup, |mut next: ResMut<NextState<Screen>>| {
                next.set(Screen::Class)
            });
        }
    }
    // The scripted runs count frames: they keep the frames coming (frame statistics as a
    // game would run them, so that the figures compare with earlier ones).
    app.insert_resource(if opts.tour.is_some() {
        WinitSettings::continuous()
    } else if opts.frame_stats.is_some() || crate::platform::page_asks_for_frames() {
        WinitSettings::game()
    } else {
        reactive()
    });
    #[cfg(not(target_arch = "wasm32"))]
    if let Some(dir) = opts.tour.clone() {
        if let Err(e) = std::fs::create_dir_all(&dir) {
            eprintln!("haeju-trader: cannot create {}: {e}", dir.display());
            return 2;
        }
        // The tour must not touch the player's own save.
        // SAFETY: set before any thread of the app starts.
        unsafe { std::env::set_var("HAEJU_SAVE_DIR", dir.join("save")) };
        if let Some(script) = &opts.by_label {
            let installed = std::fs::read_to_string(script)
                .map_err(|e| format!("{}: {e}", script.display()))
                .and_then(|text| crate::access::drive::install(&mut app, &dir, &text));
            if let Err(e) = installed {
                eprintln!("haeju-trader: --by-label {e}");
                return 2;
            }
        } else {
            app.insert_resource(Tour {
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
            .add_systems(Update, tour)
            .add_systems(
                PostUpdate,
                write_glyphs
                    .after(bevy_egui::EguiPostUpdateSet::EndPass)
                    .before(bevy_egui::EguiPostUpdateSet::ProcessOutput),
            );
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    if let Some(secs) = opts.frame_stats {
        app.insert_resource(Stats {
            bare: opts.bare,
            drawn: (0, 0, 0.0),
            started,
            seconds: secs,
            first: None,
            frames: Vec::new(),
            begun: None,
        })
        .add_systems(Update, stats)
        .add_systems(Last, egui_drawn);
    }
    #[cfg(not(target_arch = "wasm32"))]
    if let Some(secs) = opts.idle_stats {
        app.insert_resource(Idle::new(secs))
            .add_systems(Startup, idle_watch)
            .add_systems(Last, idle_step);
    }
    app.run();
    0
}

// ---------------------------------------------------------------- the tour

#[derive(Resource)]
struct Tour {
    dir: PathBuf,
    steps: Vec<String>,
    step: usize,
    frame: u32,
}

/// The screens of the tour, in order; each is reached from the one before by the choices a
/// player would make (the same [`handle`] their keys go through).
pub const STEPS: [&str; 22] = [
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
    "morning-thin",
    "settings-korean",
    "sources",
    "last-evening",
    "ending",
    "debrief",
    "check-after",
    "class-sample",
];

/// The class view's tour (`tour --class-view FILES`): the whole view, then its pages in
/// projector mode (a page past the last shows the last).
pub fn class_steps() -> Vec<String> {
    std::iter::once("class".to_string())
        .chain((1..=14).map(|n| format!("class-page-{n}")))
        .collect()
}

/// The pictures of the game, one each (`tour --scenes`): every kind of place as she stands
/// there, a stop by each kind of inspector, and each ending.
pub fn scenes() -> Vec<String> {
    use crate::rules::{InspectorKind, PlaceKind};
    let places = [
        PlaceKind::Home,
        PlaceKind::Market,
        PlaceKind::Alley,
        PlaceKind::Street,
        PlaceKind::Station,
        PlaceKind::Port,
        PlaceKind::Wholesale,
        PlaceKind::RepairStall,
        PlaceKind::CadreHouse,
    ];
    let kinds = [
        InspectorKind::JointCommand82,
        InspectorKind::YouthLeague,
        InspectorKind::StateSecurity,
    ];
    (places.iter().map(|k| format!("place-{}", slug(k))))
        .chain(kinds.iter().map(|k| format!("stop-{}", slug(k))))
        .chain(
            crate::rules::ENDINGS
                .iter()
                .map(|e| format!("ending-{}", e.key())),
        )
        .collect()
}

/// A kind's name in a scene's name: `RepairStall` → `repairstall`.
fn slug(kind: &dyn std::fmt::Debug) -> String {
    format!("{kind:?}").to_lowercase()
}

const SETTLE: u32 = 12;

fn tour(world: &mut World) {
    let frame = {
        let mut t = world.resource_mut::<Tour>();
        t.frame += 1;
        t.frame
    };
    let (name, step, dir) = {
        let t = world.resource::<Tour>();
        (t.steps.get(t.step).cloned(), t.step, t.dir.clone())
    };
    let Some(name) = name else {
        if frame > 20 {
            world.write_message(AppExit::Success);
        }
        return;
    };
    if frame == 1 {
        if let Some(n) = name.strip_prefix("probe-") {
            world.resource_mut::<crate::ui::probe::Probe>().phase = n.parse().unwrap_or(0);
        } else if !scene(world, &name) {
            setup(world, &name);
        }
    } else if frame == SETTLE {
        let path = dir.join(format!("{:02}-{name}.png", step + 1));
        world
            .commands()
            .spawn(Screenshot::primary_window())
            .observe(save_to_disk(path));
        world.insert_resource(GlyphsTo(dir.join(format!("{:02}-{name}.glyphs", step + 1))));
    } else if frame >= SETTLE + 8 {
        let mut t = world.resource_mut::<Tour>();
        t.step += 1;
        t.frame = 0;
    }
}

#[derive(Resource)]
struct GlyphsTo(PathBuf);

/// Where egui drew each glyph of the screen, in the screenshot's pixels, and in what colour:
/// `x0 y0 x1 y1 r g b a` a line (the glyph's line box; the colour premultiplied, as egui
/// paints it). With the screenshot, a test measures each text's contrast against what is
/// really behind it (`tests/tour.rs`). Read from the frame's shapes before egui turns them
/// into meshes (pictures' small circles are textured like glyphs there).
fn write_glyphs(world: &mut World) {
    use bevy_egui::egui::{Color32, Shape};
    let Some(GlyphsTo(path)) = world.remove_resource::<GlyphsTo>() else {
        return;
    };
    use bevy_egui::egui::Rect;
    // Glyphs in paint order, and the opaque boxes painted after them (a caption over a
    // button, a scroll bar): a glyph under a later box is not wholly seen, and not measured.
    struct Seen {
        glyphs: Vec<(Rect, Color32, usize)>,
        boxes: Vec<(Rect, usize)>,
        n: usize,
        /// Glyphs cut at the side of their panel: text that runs past it.
        cut: String,
    }
    fn walk(shape: &Shape, clip: Rect, seen: &mut Seen) {
        seen.n += 1;
        match shape {
            Shape::Vec(v) => v.iter().for_each(|s| walk(s, clip, seen)),
            Shape::Rect(r) if r.fill.a() >= 200 => {
                seen.boxes.push((r.rect.intersect(clip), seen.n));
            }
            Shape::Text(t) => {
                for row in &t.galley.rows {
                    for g in &row.row.glyphs {
                        if g.chr.is_whitespace() {
                            continue;
                        }
                        // A glyph cut by its clip (text scrolled half out of view) is left
                        // out: only whole glyphs are read. One past the side of its clip is
                        // cut, wherever it is up or down (text scrolled out of view above or
                        // below is only scrolled: the screens scroll up and down, never
                        // sideways, so everything is reached by scrolling).
                        let r = g
                            .logical_rect()
                            .translate(row.pos.to_vec2() + t.pos.to_vec2());
                        if !clip.contains_rect(r) {
                            if r.min.x < clip.min.x - 0.5 || r.max.x > clip.max.x + 0.5 {
                                seen.cut += &format!("{}\t{}\n", g.chr, row.row.text());
                            }
                            continue;
                        }
                        let mut c = row
                            .row
                            .visuals
                            .mesh
                            .vertices
                            .get(g.first_vertex as usize)
                            .map_or(t.fallback_color, |v| v.color);
                        if let Some(o) = t.override_text_color {
                            c = o;
                        } else if c == Color32::PLACEHOLDER {
                            c = t.fallback_color;
                        }
                        if t.opacity_factor < 1.0 {
                            c = c.gamma_multiply(t.opacity_factor);
                        }
                        seen.glyphs.push((r, c, seen.n));
                    }
                }
            }
            _ => {}
        }
    }
    let mut q = world.query::<&bevy_egui::EguiFullOutput>();
    let mut text = String::new();
    for out in q.iter(world) {
        let Some(full) = &out.0 else { continue };
        let mut seen = Seen {
            glyphs: Vec::new(),
            boxes: Vec::new(),
            n: 0,
            cut: String::new(),
        };
        for cs in &full.shapes {
            walk(&cs.shape, cs.clip_rect, &mut seen);
        }
        let ppp = full.pixels_per_point;
        if !seen.cut.is_empty() {
            let _ = std::fs::write(path.with_extension("cut"), &seen.cut);
        }
        for (r, c, at) in &seen.glyphs {
            if seen.boxes.iter().any(|(b, n)| n > at && b.intersects(*r)) {
                continue;
            }
            text += &format!(
                "{:.0} {:.0} {:.0} {:.0} {} {} {} {}\n",
                r.min.x * ppp,
                r.min.y * ppp,
                r.max.x * ppp,
                r.max.y * ppp,
                c.r(),
                c.g(),
                c.b(),
                c.a()
            );
        }
    }
    if let Err(e) = std::fs::write(&path, text) {
        eprintln!("tour: cannot write {}: {e}", path.display());
    }
    captions_cover(world, &path);
}

/// A sound's caption on screen covers no choice (issue 31, point 15): every enabled widget
/// that can be clicked, under the captions' place, is written to `<step>.covered` (its
/// rectangle in points), for the tour's tests to refuse.
fn captions_cover(world: &mut World, path: &std::path::Path) {
    use bevy_egui::egui::Id;
    if world
        .get_resource::<crate::sound::Heard>()
        .is_none_or(|h| h.captions.is_empty())
        || *world.resource::<State<screens::Overlay>>().get() != screens::Overlay::None
    {
        return;
    }
    let mut q = world.query::<&mut bevy_egui::EguiContext>();
    let Some(ctx) = q.iter_mut(world).next().map(|mut c| c.get_mut().clone()) else {
        return;
    };
    let id = Id::new("captions");
    let Some(caption) = ctx.memory(|m| m.area_rect(id)) else {
        return;
    };
    let covered: Vec<String> = ctx.viewport(|vp| {
        vp.prev_pass
            .widgets
            .layers()
            .filter(|(layer, _)| layer.id != id)
            .flat_map(|(_, ws)| ws.iter())
            .filter(|w| w.enabled && w.sense.senses_click() && w.interact_rect.intersects(caption))
            .map(|w| format!("{:?} under the caption at {caption:?}", w.interact_rect))
            .collect()
    });
    if !covered.is_empty() {
        let _ = std::fs::write(path.with_extension("covered"), covered.join("\n"));
    }
}

/// Sets up one of the [`scenes`]; false if `name` is not one.
fn scene(world: &mut World, name: &str) -> bool {
    use crate::rules::ENDINGS;
    if !["place-", "stop-", "ending-"]
        .iter()
        .any(|p| name.starts_with(p))
    {
        return false;
    }
    let (level, seed) = {
        let st = world.resource::<Settings>();
        (st.level.clone(), st.seed)
    };
    let Ok(mut s) = Session::new(&level, seed) else {
        return false;
    };
    s.close_card(true);
    let lv = s.state.world.clone();
    let lv = lv.lv();
    let to = if let Some(kind) = name.strip_prefix("place-") {
        // She stands there at eleven, the market open, with a little of every good, the
        // quantity at what she can carry (the widest the trade table gets) and the guide's
        // note read: the trade itself in view, at any scale (issue 31, point 1).
        if let Some(i) = lv.places.iter().position(|p| slug(&p.kind) == kind) {
            s.state.place = i as u16;
        }
        s.state.minute = crate::rules::MARKET_OPEN + 60;
        s.state.stock.iter_mut().for_each(|q| *q = 7);
        screens::trade_scene(world, lv.carry_kg);
        Screen::Place
    } else if let Some(kind) = name.strip_prefix("stop-") {
        // The first game (from the settings' seed on) in which a walk round the town is
        // stopped by this kind of inspector: the rules' own stop, as a player meets it.
        let Some(found) = (0..300u64).find_map(|k| {
            let mut t = Session::new(&level, seed + k).ok()?;
            t.close_card(true);
            let n = lv.places.len() as u16;
            for step in 0..200u16 {
                if let Some(i) = &t.state.inspection {
                    let who = &lv.inspectors[i.inspector as usize];
                    return (slug(&who.kind) == kind).then_some(t);
                }
                if t.state.ending.is_some() {
                    return None;
                }
                let to = (t.state.place + 1 + step % 3) % n;
                if to != t.state.place {
                    t.act(Action::Travel { to });
                }
                t.close_card(true);
            }
            None
        }) else {
            return false;
        };
        s = found;
        Screen::Inspection
    } else if let Some(key) = name.strip_prefix("ending-") {
        let Some(e) = ENDINGS.iter().find(|e| e.key() == key) else {
            return false;
        };
        s.state.ending = Some(*e);
        Screen::Ending
    } else {
        return false;
    };
    world.insert_resource(s);
    handle(world, Do::Open(screens::Overlay::None));
    handle(world, Do::Go(to));
    true
}

fn act(world: &mut World, a: Action) {
    handle(world, Do::Act(a));
}

/// Reads every fact card waiting, as a player pressing Space would.
fn read_cards(world: &mut World) {
    let n = world
        .get_resource::<Session>()
        .map_or(0, |s| s.fact_queue.len());
    for _ in 0..n {
        handle(world, Do::CloseCard);
    }
}

/// Plays the quickest way on (each day ended at once, a stop's phone handed over) until
/// `done` holds (200 actions at most).
fn play_until(world: &mut World, done: impl Fn(&crate::rules::GameState) -> bool) {
    for _ in 0..200 {
        let s = &session(world).state;
        if done(s) {
            return;
        }
        let a = if s.inspection.is_some() {
            Action::HandOver
        } else {
            Action::EndDay
        };
        act(world, a);
    }
}

fn session(world: &World) -> &Session {
    world.resource::<Session>()
}

fn place(world: &World, id: &str) -> u16 {
    session(world)
        .state
        .lv()
        .places
        .iter()
        .position(|p| p.id == id)
        .unwrap_or(0) as u16
}

fn switch_language(world: &mut World) {
    let mut st = world.resource::<Settings>().clone();
    st.lang = match st.lang {
        crate::rules::Lang::En => crate::rules::Lang::Ko,
        crate::rules::Lang::Ko => crate::rules::Lang::En,
    };
    handle(world, Do::Set(Box::new(st)));
}

/// A new game from the notice, its first card read.
fn new_game(world: &mut World) {
    handle(world, Do::NewGame);
    read_cards(world);
}

fn phone(world: &mut World, app: PhoneApp, selected: Option<u32>) {
    let mut p = world.resource::<PhoneUi>().clone();
    p.app = app;
    p.selected = selected;
    world.resource_mut::<PhoneUi>().set_if_neq(p);
}

fn setup(world: &mut World, step: &str) {
    match step {
        "title" => handle(world, Do::Go(Screen::Title)),
        "class" => handle(world, Do::Go(Screen::Class)),
        page if page.starts_with("class-page-") => {
            let n: usize = page["class-page-".len()..].parse().unwrap_or(1);
            let mut room = world.resource_mut::<screens::ClassRoom>();
            room.projector = true;
            room.page = n - 1;
        }
        "levels" => handle(world, Do::Go(Screen::Levels)),
        "notice" => handle(world, Do::Go(Screen::Notice)),
        "briefing" => new_game(world),
        "morning" => handle(world, Do::Go(Screen::Morning)),
        "phone-messages" => {
            let id = session(world)
                .state
                .phone
                .items
                .iter()
                .find(|i| i.kind == crate::rules::ItemKind::Thread)
                .map(|i| i.id);
            phone(world, PhoneApp::Messages, id);
        }
        "street" => {
            phone(world, PhoneApp::Home, None);
            handle(world, Do::Go(Screen::Street));
            let street = place(world, "street");
            act(world, Action::Travel { to: street });
        }
        "place" => {
            let market = place(world, "market");
            act(world, Action::Travel { to: market });
            let wait = crate::rules::MARKET_OPEN.saturating_sub(session(world).state.minute);
            if wait > 0 {
                act(world, Action::Wait { minutes: wait });
            }
            handle(world, Do::Go(Screen::Place));
            let buy = Action::Buy {
                good: 0,
                qty: 10,
                currency: Currency::Won,
            };
            act(world, buy);
            // The phone's price notebook beside the trade (it must stay inside the phone).
            phone(world, PhoneApp::Prices, None);
        }
        "phone-trace" => {
            let ids: Vec<u32> = session(world)
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
            read_cards(world);
            phone(world, PhoneApp::Trace, None);
            handle(world, Do::Go(Screen::Street));
        }
        "fact-card" => {
            // The screenshot log's card again, as it shows the first time.
            let mut s = world.resource_mut::<Session>();
            s.facts_seen.retain(|f| f != "trace-viewer");
            s.meet("trace-viewer");
        }
        _ => setup_later(world, step),
    }
}

/// The tour from the first stop to the debrief.
fn setup_later(world: &mut World, step: &str) {
    match step {
        "inspection-stopped" => {
            read_cards(world);
            let (home, street) = (place(world, "home"), place(world, "street"));
            // Walk until someone stops her (the seed fixes when).
            for _ in 0..400 {
                let here = session(world).state.place;
                let to = if here == street { home } else { street };
                act(world, Action::Travel { to });
                let s = session(world);
                if s.state.inspection.is_some() || s.state.ending.is_some() {
                    break;
                }
            }
            read_cards(world);
        }
        "inspection-found" => {
            act(world, Action::Refuse);
            read_cards(world);
        }
        "inspection-outcome" => {
            if session(world).state.inspection.is_some() {
                act(world, Action::HandOver);
            }
            read_cards(world);
        }
        "evening" => {
            new_game(world);
            handle(world, Do::Go(Screen::Street));
            // A memory deleted today: the evening says who looked for it.
            let school = session(world)
                .state
                .phone
                .items
                .iter()
                .find(|i| session(world).state.world.specs[i.spec as usize].id == "p-school")
                .map(|i| i.id);
            if let Some(item) = school {
                act(world, Action::Delete { item });
            }
            act(world, Action::EndDay);
            read_cards(world);
            // The gallery beside the evening: what is in each picture, the home video with
            // the portraits on the wall selected.
            let video = session(world)
                .state
                .phone
                .items
                .iter()
                .find(|i| i.has(crate::rules::Flag::Portrait))
                .map(|i| i.id);
            // Opened: the video drawn large, the portraits on the wall behind the table.
            if let Some(item) = video {
                act(world, Action::Read { item });
                read_cards(world);
            }
            phone(world, PhoneApp::Gallery, video);
        }
        // Porridge two evenings running, at home: the morning after, the youngest has
        // fallen ill, and the faces and the words say so.
        "morning-thin" => {
            phone(world, PhoneApp::Home, None);
            act(
                world,
                Action::SetMeals {
                    meals: crate::rules::Meals {
                        grain: crate::rules::Grain::Porridge,
                        count: 2,
                    },
                },
            );
            // (The rules are on the next morning already: two days at home, two evenings.)
            for _ in 0..2 {
                act(world, Action::EndDay);
                read_cards(world);
            }
            handle(world, Do::Go(Screen::Morning));
        }
        // These two show the other language, then switch back.
        "settings-korean" => {
            switch_language(world);
            handle(world, Do::Open(screens::Overlay::Settings));
            // With the player's keys open: what each does and the key that does it.
            world.resource_mut::<screens::SettingsUi>().keys_open = true;
        }
        "sources" => {
            switch_language(world);
            handle(world, Do::Open(screens::Overlay::Sources));
        }
        // The last day's evening, before the ending: the ledger, the family at the table,
        // what they still ask for, and no tomorrow to plan.
        "last-evening" => {
            handle(world, Do::Open(screens::Overlay::None));
            new_game(world);
            handle(world, Do::Go(Screen::Street));
            play_until(world, |s| s.last_evening || s.ending.is_some());
            // (Past any stop's outcome, as her Enter would go.)
            if session(world).state.last_evening {
                handle(world, Do::Go(Screen::Evening));
            }
            read_cards(world);
        }
        // To bed on the last evening: the ending.
        "ending" => {
            handle(world, Do::Open(screens::Overlay::None));
            play_until(world, |s| s.ending.is_some());
            // Past the last inspection's outcome, as her Enter would go.
            handle(world, Do::LeaveInspection);
            read_cards(world);
        }
        "debrief" => handle(world, Do::Go(Screen::Debrief)),
        // The check after the game, its first question answered: the card is shown.
        "check-after" => {
            handle(world, Do::Check(crate::check::Phase::After));
            handle(
                world,
                Do::Answer(crate::check::Phase::After, "fact:screenshots".into(), 1),
            );
            world.resource_mut::<screens::CheckUi>().answered = Some(1);
        }
        // The class view with the sample class (five sessions by the simulator's styles).
        "class-sample" => {
            let tr = crate::i18n::Tr::load();
            let class = crate::report::sample_class("01", "SAMPLE", Some(5), Lang::En, &tr);
            for (style, _, r) in class.into_iter().flatten() {
                if let Ok(json) = r.to_json() {
                    crate::platform::push_class_file(format!("{}.json", style.name()), json);
                }
            }
            handle(world, Do::Go(Screen::Class));
        }
        _ => {}
    }
}

// ---------------------------------------------------------------- frame statistics

#[derive(Resource)]
struct Stats {
    /// Measuring the bare window, not the street map.
    bare: bool,
    /// What egui drew in the last frame: meshes, triangles, and the area they cover
    /// (pixels, overlaps counted each time: what a software renderer shades).
    drawn: (usize, usize, f32),
    started: Instant,
    seconds: f32,
    first: Option<Duration>,
    frames: Vec<f32>,
    begun: Option<Instant>,
}

/// The one camera egui draws through. No multisampling: egui's shapes are anti-aliased by
/// their own feathering, and a 4x multisampled target (Bevy's default) is four times the
/// pixels to fill and resolve on the software renderers schools fall back to. Its render
/// schedule is egui's pass alone, straight into the window ([`UiOnly`]).
fn spawn_camera(mut commands: Commands) {
    commands.spawn((
        Camera2d,
        Msaa::Off,
        bevy::render::camera::CameraRenderGraph::new(UiOnly),
    ));
}

/// The camera's render schedule: egui drawn straight into the window's swap chain, cleared
/// to the paper colour. Bevy's 2D schedule would clear a texture of its own, draw egui into
/// it, then copy it to the window: three passes over every pixel where one will do, and on
/// lavapipe the copy alone (sRGB in, sRGB out) took 15 ms of a 35 ms frame.
#[derive(bevy::ecs::schedule::ScheduleLabel, Debug, Clone, PartialEq, Eq, Hash)]
struct UiOnly;

fn ui_only_schedule(app: &mut App) {
    use bevy::ecs::schedule::ScheduleBuildSettings;
    let Some(render_app) = app.get_sub_app_mut(bevy::render::RenderApp) else {
        return;
    };
    let mut schedule = Schedule::new(UiOnly);
    schedule.set_build_settings(ScheduleBuildSettings {
        auto_insert_apply_deferred: false,
        ..default()
    });
    render_app
        .add_schedule(schedule)
        .insert_resource(bevy_egui::render::EguiToOutput)
        .add_systems(
            UiOnly,
            (
                bevy_egui::render::prepare_egui_pass,
                bevy_egui::render::egui_pass_to_output,
            )
                .chain(),
        );
}

/// egui's meshes of this frame (once egui has painted, before they go to the renderer):
/// how many, their triangles, and the pixels they cover.
fn egui_drawn(outputs: Query<&bevy_egui::EguiRenderOutput>, mut st: ResMut<Stats>) {
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

/// The bare window's whole interface.
fn bare_label(mut contexts: bevy_egui::EguiContexts) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut root = crate::ui::root(&ctx);
    bevy_egui::egui::CentralPanel::default().show(&mut root, |ui| ui.label("Haeju Trader"));
    Ok(())
}

/// A game on the street map, its cards read (as frame and idle statistics measure it).
fn to_street(world: &mut World) {
    new_game(world);
    handle(world, Do::Go(Screen::Street));
}

fn stats(world: &mut World) {
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
        world.write_message(AppExit::Success);
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

// ---------------------------------------------------------------- idle statistics

/// Idle statistics in phases: a watcher thread measures the process's CPU time over idle
/// seconds on the title, then on the street map, waking the app only between phases; then
/// frames run back to back for two seconds on the street map and every resource of the game
/// marked changed meanwhile is named.
#[derive(Resource)]
struct Idle {
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
    fn new(seconds: f32) -> Idle {
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

fn idle_watch(idle: Res<Idle>, proxy: Option<Res<EventLoopProxyWrapper>>) {
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
        .filter(|(info, _)| {
            let name = info.name().to_string();
            // (Not the Idle resource: it is this measurement's own notebook.)
            name.contains("haeju_trader")
                && !name.contains("Messages<")
                && !name.ends_with("app::Idle")
        })
        .filter_map(|(info, _)| {
            let ticks = world.get_resource_change_ticks_by_id(info.id())?;
            Some((info.name().to_string(), ticks.changed.get()))
        })
        .collect()
}

fn idle_step(world: &mut World) {
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
            world.write_message(AppExit::Success);
        }
        _ => {}
    }
}

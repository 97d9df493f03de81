//! Composes the game's plugins into a window: the camera and its one render pass, the
//! frame policy, the game's plugins (or the yardsticks the measurements compare with), and
//! the scripted runs (`crate::dev`, desktop only).

use crate::cli::Play;
use crate::screens::{self, Screen, Settings};
use bevy::platform::time::Instant;
use bevy::prelude::*;
use bevy::winit::{UpdateMode, WinitSettings};
use bevy_egui::EguiPlugin;
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
        let settings = Settings {
            prefs,
            ..Settings::default()
        };
        (settings, note)
    } else {
        (Settings::default(), None)
    };
    if let Some(l) = &opts.level {
        if crate::content::resolve_level(l).is_none() {
            eprintln!("haeju-trader: no such level {l:?}");
            return 2;
        }
        settings.setup.level = l.clone();
    }
    if let Some(s) = opts.seed {
        settings.setup.seed = s;
    }
    if let Some(s) = opts.scale {
        settings.prefs.scale = s;
    }
    if opts.korean {
        settings.prefs.lang = crate::rules::Lang::Ko;
    }
    if opts.high_contrast {
        settings.prefs.high_contrast = true;
    }
    if let Some(code) = &opts.class_code {
        settings.setup.class_code = code.clone();
    }
    settings.setup.later |= opts.later;
    if let Some(arm) = opts.arm {
        settings.setup.arm = arm;
    }
    if opts.tour.is_some() {
        // Screenshots show whole texts, not half-typed ones.
        settings.prefs.text_speed = screens::TextSpeed::Instant;
    }
    // Kept again when the player changes them (a choice made on the command line is for
    // this game only, until then).
    let kept = screens::KeptPrefs(keep.then(|| settings.prefs.clone()));
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
        let [r, g, b, _] = crate::ui::paper_of(settings.prefs.high_contrast).to_array();
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
        app.world_mut()
            .get_resource_or_init::<crate::platform::ClassFiles>()
            .push_paths(files);
        if opts.tour.is_none() {
            app.add_systems(Startup, |mut next: ResMut<NextState<Screen>>| {
                next.set(Screen::Class)
            });
        }
    }
    // The scripted runs count frames: they keep the frames coming. Frame statistics too,
    // focused or not: Bevy 0.20 holds an unfocused window (Xvfb has no window manager to
    // focus it) to 60 frames a second under `game()`, which hid what a fast frame costs.
    app.insert_resource(if opts.tour.is_some() || opts.frame_stats.is_some() {
        WinitSettings::continuous()
    } else if crate::platform::page_asks_for_frames() {
        WinitSettings::game()
    } else {
        reactive()
    });
    // The scripted runs (the tour, the by-label driver, frame and idle statistics): the
    // desktop's only (`dev`; the browser has no command line).
    if let Err(code) = crate::dev::install(&mut app, &opts, probe, started) {
        return code;
    }
    app.run();
    0
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

/// The bare window's whole interface.
fn bare_label(mut contexts: bevy_egui::EguiContexts) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut root = crate::ui::root(&ctx);
    bevy_egui::egui::CentralPanel::default().show(&mut root, |ui| ui.label("Haeju Trader"));
    Ok(())
}

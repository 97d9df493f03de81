//! A desktop screen reader's presses, carried out when they come (issue 33).
//!
//! What a screen reader asks of the window (press this button, focus that one) reaches Bevy
//! through AccessKit's adapter (AT-SPI on Linux), which puts it in bevy_winit's queue
//! without waking the event loop; bevy_winit turns the queue into `ActionRequest` messages
//! in PostUpdate, and the game hands them to egui in the next frame's PreUpdate
//! (`access::feed`). The game's loop is reactive (a frame only when something happens, at
//! least once a minute), so a press could wait up to a minute, and then a frame more. Here:
//! while a screen reader is on, a watcher wakes the loop when a request waits, and a frame
//! that turned requests into messages asks for the next one, where egui carries them out.
//! Nothing runs while no screen reader has asked for the window's tree.

use bevy::a11y::{AccessibilityRequested, ActionRequest};
use bevy::prelude::*;
use bevy::window::RequestRedraw;
use bevy::winit::accessibility::WinitActionRequestHandlers;
use bevy::winit::{EventLoopProxyWrapper, WinitUserEvent};
use std::time::Duration;

/// How often the watcher looks at the queue while a screen reader is on (a press is carried
/// out within this, plus two frames).
const LOOK_EVERY: Duration = Duration::from_millis(40);

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Last, (start_watcher, next_frame_for_requests));
}

/// Starts the watcher once, when a screen reader first asks for the window's tree.
fn start_watcher(
    requested: Option<Res<AccessibilityRequested>>,
    handlers: Option<Res<WinitActionRequestHandlers>>,
    proxy: Option<Res<EventLoopProxyWrapper>>,
    mut started: Local<bool>,
) {
    if *started || !requested.is_some_and(|r| r.get()) {
        return;
    }
    let (Some(handlers), Some(proxy)) = (handlers, proxy) else {
        return;
    };
    let queues: Vec<_> = handlers.values().cloned().collect();
    if queues.is_empty() {
        return;
    }
    let proxy = (**proxy).clone();
    *started = true;
    let watch = move || {
        loop {
            std::thread::sleep(LOOK_EVERY);
            let waiting = queues
                .iter()
                .any(|q| q.lock().is_ok_and(|q| !q.0.is_empty()));
            // (An error: the loop has ended, and so does the watcher.)
            if waiting && proxy.send_event(WinitUserEvent::WakeUp).is_err() {
                return;
            }
        }
    };
    if let Err(e) = std::thread::Builder::new()
        .name("screen-reader-wake".into())
        .spawn(watch)
    {
        warn!("A screen reader's presses will wait for the next frame: {e}");
    }
}

/// A frame that received requests asks for another, in which egui carries them out.
fn next_frame_for_requests(
    mut requests: MessageReader<ActionRequest>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    if requests.read().count() > 0 {
        redraw.write(RequestRedraw);
    }
}

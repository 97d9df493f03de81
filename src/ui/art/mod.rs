//! The game's pictures, drawn as vector shapes with egui's painter (docs/art-direction.md):
//! the people's portraits, the family at the evening table, the inspector. Flat shapes in a
//! small muted palette, faces simple and calm (two eyes, a mouth line, no caricature), red
//! kept for the state (an inspector's armband) and for risk.

use crate::rules::{Face, Grain, Meal};
use bevy_egui::egui::{self, Color32, Painter, Pos2, Rect, Shape, Stroke, pos2, vec2};

// The palette (docs/art-direction.md): paper and ink, concrete, the bay, rust roofs, and
// red for the state alone.
pub const WALL: Color32 = Color32::from_rgb(226, 214, 190);
pub const FLOOR: Color32 = Color32::from_rgb(176, 150, 118);
pub const WOOD: Color32 = Color32::from_rgb(112, 78, 52);
pub const NIGHT: Color32 = Color32::from_rgb(52, 62, 86);
pub const SKIN: Color32 = Color32::from_rgb(222, 186, 150);
pub const SKIN_SHADE: Color32 = Color32::from_rgb(188, 148, 116);
pub const HAIR: Color32 = Color32::from_rgb(38, 34, 32);
pub const GREY_HAIR: Color32 = Color32::from_rgb(170, 166, 160);
pub const UNIFORM: Color32 = Color32::from_rgb(88, 96, 70);
pub const STATE_RED: Color32 = Color32::from_rgb(184, 36, 36);
pub const BOWL: Color32 = Color32::from_rgb(240, 236, 226);

/// How someone looks at this moment (issue 35, "faces that feel"): fed, hungry (paler, eyes
/// down), sick in bed; afraid at a stop (brows up, eyes wide, mouth open), relieved when let
/// go (eyes closed in a smile), tired after a meagre evening (lids half down, mouth turned
/// down), ashamed when caught (eyes down, the head sunk), stern (an inspector at work: brows
/// low and level, mouth set), angry (an inspector who found something: brows drawn down to
/// the middle, mouth turned down).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mood {
    Well,
    Hungry,
    Sick,
    Afraid,
    Relieved,
    Tired,
    Ashamed,
    Stern,
    Angry,
}

impl Mood {
    /// A face after an evening's `meal`: well fed, tired after a meagre one, hungry after
    /// none.
    pub fn after(meal: Meal) -> Mood {
        match meal {
            Meal::Fed => Mood::Well,
            Meal::AteLittle => Mood::Tired,
            Meal::WentWithout => Mood::Hungry,
        }
    }

    /// Her face at a stop: afraid while they hold her; after, relieved to go, or ashamed
    /// when something was found and punished (`log`: what happened in the stop).
    pub fn at_stop(held: bool, log: &[crate::rules::Event]) -> Mood {
        use crate::rules::Event;
        let punished = log
            .iter()
            .any(|e| matches!(e, Event::Consequence(_) | Event::ItemsConfiscated { .. }));
        match (held, punished) {
            (true, _) => Mood::Afraid,
            (false, true) => Mood::Ashamed,
            (false, false) => Mood::Relieved,
        }
    }
}

/// The light of the time of day (art direction: a limited palette per time of day): a
/// pale cool morning, the day, a warm evening as the market closes, dusk before the curfew.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Light {
    Morning,
    Day,
    Evening,
    Dusk,
}

impl Light {
    /// The light at `minute` of the day (07:00 is 420).
    pub fn at(minute: u16) -> Light {
        match minute {
            ..600 => Light::Morning,
            600..1020 => Light::Day,
            1020..1170 => Light::Evening,
            _ => Light::Dusk,
        }
    }

    /// The sky, high up and near the ground.
    pub fn sky(self) -> (Color32, Color32) {
        match self {
            Light::Morning => (
                Color32::from_rgb(196, 212, 222),
                Color32::from_rgb(232, 228, 214),
            ),
            Light::Day => (
                Color32::from_rgb(200, 216, 222),
                Color32::from_rgb(222, 226, 220),
            ),
            Light::Evening => (
                Color32::from_rgb(214, 178, 150),
                Color32::from_rgb(240, 206, 156),
            ),
            Light::Dusk => (
                Color32::from_rgb(60, 70, 100),
                Color32::from_rgb(150, 118, 122),
            ),
        }
    }

    /// A colour as this light shows it: cooler in the morning, warmer in the evening,
    /// darker and bluer at dusk.
    pub fn tint(self, c: Color32) -> Color32 {
        match self {
            Light::Morning => c.lerp_to_gamma(Color32::from_rgb(206, 220, 232), 0.12),
            Light::Day => c,
            Light::Evening => c.lerp_to_gamma(Color32::from_rgb(236, 168, 108), 0.2),
            Light::Dusk => c.lerp_to_gamma(Color32::from_rgb(40, 48, 78), 0.45),
        }
    }

    /// Whether windows are lit.
    pub fn lamps(self) -> bool {
        self == Light::Dusk
    }
}

/// A sky from `top` to `bottom` colour down `r` (one mesh, its corners rounded by the
/// caller's frame): the light of the time of day.
pub fn sky(p: &Painter, r: Rect, top: Color32, bottom: Color32) {
    let mut mesh = egui::Mesh::default();
    mesh.colored_vertex(r.left_top(), top);
    mesh.colored_vertex(r.right_top(), top);
    mesh.colored_vertex(r.right_bottom(), bottom);
    mesh.colored_vertex(r.left_bottom(), bottom);
    mesh.add_triangle(0, 1, 2);
    mesh.add_triangle(0, 2, 3);
    p.add(Shape::mesh(mesh));
}

/// A scene's sky in `light` from the top of `r` down to `ground`, the top's rounded corners
/// (8 points) in the sky's own colour.
fn scene_sky(p: &Painter, r: Rect, ground: f32, light: Light) {
    let (high, low) = light.sky();
    p.rect_filled(r, 8.0, high);
    sky(
        p,
        Rect::from_min_max(pos2(r.left(), r.top() + 8.0), pos2(r.right(), ground)),
        high,
        low,
    );
    // The title's printed texture, lighter: a halftone over the upper sky (a flat gradient
    // read as an app's, not a print's).
    halftone(
        p,
        Rect::from_min_max(r.min, pos2(r.right(), ground)),
        high,
        1.2,
        0.14,
    );
}

/// Printed, not rendered: a halftone of dots over `r` in `ink` darkened by `dark`, largest
/// (`most` points across) at the top and fading out downward.
pub(super) fn halftone(p: &Painter, r: Rect, ink: Color32, most: f32, dark: f32) {
    let step = 9.0;
    let dark = ink.lerp_to_gamma(Color32::BLACK, dark);
    let mut y = r.top() + step / 2.0;
    let mut row = 0;
    while y < r.bottom() {
        let f = 1.0 - (y - r.top()) / r.height();
        let rad = most * f;
        if rad > 0.4 {
            let mut x = r.left() + if row % 2 == 0 { step / 2.0 } else { step };
            while x < r.right() {
                p.circle_filled(pos2(x, y), rad, dark);
                x += step;
            }
        }
        y += step;
        row += 1;
    }
}

/// A window's wooden frame and its middle bar, over whatever fills `win`.
fn window_frame(p: &Painter, win: Rect) {
    p.rect_stroke(win, 2.0, Stroke::new(3.0, WOOD), egui::StrokeKind::Middle);
    p.line_segment(
        [win.center_top(), win.center_bottom()],
        Stroke::new(2.0, WOOD),
    );
}

/// The trader herself, drawn beside the family.
pub const TRADER: Face = Face::Woman;

/// Her coat, as every picture draws it (and her mark on the map).
pub const HER_COAT: Color32 = Color32::from_rgb(120, 82, 92);

/// What they wear: muted, one colour each, so that four people at a table read apart.
fn clothes(face: Face) -> Color32 {
    match face {
        Face::Woman => HER_COAT,
        Face::Man => Color32::from_rgb(72, 84, 104),
        Face::Girl => Color32::from_rgb(50, 60, 92),
        Face::Boy => Color32::from_rgb(92, 110, 80),
        Face::OldWoman => Color32::from_rgb(110, 100, 120),
        Face::OldMan | Face::Unknown => Color32::from_rgb(100, 96, 90),
    }
}

/// Points along an ellipse from angle `a0` to `a1` (radians, 0 = right, clockwise on screen
/// since y points down); closed by the chord they make a convex shape.
/// The edges of `r` darkened inward over `share` of its smaller side, to `alpha` at the edge:
/// a frame that closes in on what is in the middle.
pub(crate) fn vignette(p: &Painter, r: Rect, share: f32, alpha: u8) {
    let d = r.width().min(r.height()) * share;
    let inner = r.shrink(d);
    let dark = Color32::from_black_alpha(alpha);
    let clear = Color32::TRANSPARENT;
    let mut mesh = egui::Mesh::default();
    let corners = |q: Rect| {
        [
            q.left_top(),
            q.right_top(),
            q.right_bottom(),
            q.left_bottom(),
        ]
    };
    let (o, i) = (corners(r), corners(inner));
    for k in 0..4 {
        let n = (k + 1) % 4;
        let base = mesh.vertices.len() as u32;
        mesh.colored_vertex(o[k], dark);
        mesh.colored_vertex(o[n], dark);
        mesh.colored_vertex(i[n], clear);
        mesh.colored_vertex(i[k], clear);
        mesh.add_triangle(base, base + 1, base + 2);
        mesh.add_triangle(base, base + 2, base + 3);
    }
    p.add(egui::Shape::mesh(mesh));
}

fn arc(c: Pos2, r: egui::Vec2, a0: f32, a1: f32, n: usize) -> Vec<Pos2> {
    (0..=n)
        .map(|i| {
            let a = a0 + (a1 - a0) * i as f32 / n as f32;
            pos2(c.x + r.x * a.cos(), c.y + r.y * a.sin())
        })
        .collect()
}

/// A filled rectangle from corner `a` to corner `b`.
fn rect(p: &Painter, a: Pos2, b: Pos2, round: impl Into<egui::CornerRadius>, color: Color32) {
    p.rect_filled(Rect::from_min_max(a, b), round, color);
}

/// The ground of a scene: a band from `top` to the bottom of `r`, its lower corners
/// rounded as the scene's.
fn ground_band(p: &Painter, r: Rect, top: f32, round: u8, color: Color32) {
    let corners = egui::CornerRadius {
        nw: 0,
        ne: 0,
        sw: round,
        se: round,
    };
    rect(p, pos2(r.left(), top), r.max, corners, color);
}

/// The upper half of an ellipse centred at `c`: a mound of rice, a hill, a rounded roof,
/// shoulders.
pub(crate) fn dome(p: &Painter, c: Pos2, r: egui::Vec2, color: Color32) {
    fill(
        p,
        arc(c, r, std::f32::consts::PI, 2.0 * std::f32::consts::PI, 14),
        color,
    );
}

fn fill(p: &Painter, pts: Vec<Pos2>, color: Color32) {
    p.add(Shape::convex_polygon(pts, color, Stroke::NONE));
}

fn ellipse(p: &Painter, c: Pos2, r: egui::Vec2, color: Color32) {
    p.add(Shape::ellipse_filled(c, r, color));
}

mod answers;
mod endings;
mod face;
mod figure;
mod goods;
mod held;
mod items;
mod nothing_traded;
mod people;
mod places;
mod poster;
mod scenes;
mod stop;
mod trade;
mod whole;

pub use answers::*;
pub use endings::*;
pub use figure::Pose;
use figure::{Body, INK, arms, bent_arm, ink, limb, rest_arm, torso};
pub use goods::good;
pub use held::holding_phone;
pub use items::*;
use nothing_traded::{home_things, passers_by};
pub use people::*;
use places::place_backdrop;
pub use places::*;
pub use poster::poster;
use scenes::AMBER_BADGE;
pub use scenes::*;
pub use stop::*;
pub use trade::*;
pub use whole::standing;
use whole::walker;

#[cfg(test)]
mod figure_tests;
#[cfg(test)]
mod tests;

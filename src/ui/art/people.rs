//! People: portraits of the trader and her family with their moods, the inspectors by kind.

use super::face::{face_features, hair_cap, hair_sheen, shade_side};
use super::*;

/// A head-and-shoulders portrait filling `r` (square is best), arms at the sides. `face`
/// picks hair, age and clothes; `mood` the colour of the skin, the eyes and how the body is
/// held. An unknown face is a plain disc.
pub fn portrait(p: &Painter, r: Rect, face: Face, mood: Mood) {
    figure(p, r, face, mood, Pose::Rest);
}

/// [`portrait`], its arms as `pose` holds them.
pub fn figure(p: &Painter, r: Rect, face: Face, mood: Mood, pose: Pose) {
    let s = r.width().min(r.height());
    // (Nothing to draw in a picture a point or two across: at 0, shares of 0 divide to NaN.)
    if s < 2.0 {
        return;
    }
    let cx = r.center().x;
    if face == Face::Unknown {
        p.circle_filled(pos2(cx, r.bottom() - 0.5 * s), 0.42 * s, SKIN_SHADE);
        return;
    }
    let pale = |c: Color32| match mood {
        // Hunger, fear, tiredness and illness drain the colour from a face.
        Mood::Hungry | Mood::Tired => c.lerp_to_gamma(Color32::from_rgb(200, 196, 186), 0.35),
        Mood::Afraid => c.lerp_to_gamma(Color32::from_rgb(214, 208, 196), 0.3),
        Mood::Sick => c.lerp_to_gamma(Color32::from_rgb(206, 206, 196), 0.5),
        Mood::Well | Mood::Relieved | Mood::Ashamed | Mood::Stern | Mood::Angry => c,
    };
    let skin = pale(SKIN);
    let child = matches!(face, Face::Girl | Face::Boy);
    let old = matches!(face, Face::OldWoman | Face::OldMan);
    let hair = if old { GREY_HAIR } else { HAIR };
    // Children sit smaller at the same table.
    let k = if child { 0.86 } else { 1.0 };
    let b = Body::new(cx, r.bottom(), s, k, mood, 0.4);
    let (head_c, head_r) = (b.head_c, b.head_r);
    let shoulders_top = b.neck.y;

    // A girl's hair falls to her shoulders.
    if face == Face::Girl {
        let w = 1.3;
        rect(
            p,
            pos2(head_c.x - head_r.x * w, head_c.y - head_r.y * 0.2),
            pos2(head_c.x + head_r.x * w, shoulders_top + 0.1 * s),
            egui::CornerRadius::same((0.08 * s) as u8),
            hair,
        );
    }
    // Shoulders and clothes, the arms at the sides.
    let body = clothes(face);
    torso(p, &b, body);
    if pose == Pose::Rest {
        arms(p, &b, pose, body, skin);
    }
    // Neck and collar.
    p.rect_filled(
        Rect::from_center_size(
            pos2(cx, shoulders_top - 0.02 * s),
            vec2(0.12 * s * k, 0.12 * s),
        ),
        0.0,
        pale(SKIN_SHADE),
    );
    if face == Face::Girl {
        // A school blouse's white collar.
        collar(
            p,
            pos2(cx, shoulders_top),
            vec2(0.12 * s, 0.09 * s),
            Color32::from_rgb(236, 234, 228),
        );
    }
    // Her hair to the jaw behind the head; the head, its far side in shade, an ink line
    // round it.
    if face == Face::Woman {
        super::face::hair_behind(p, head_c, head_r, hair, ink(s));
    }
    head(p, head_c, head_r, s, skin, pale(SKIN_SHADE));
    // How far down the hair comes (sine of the angle below the middle of the head): a
    // girl's fringe, hair pulled back, short hair.
    let reach = match face {
        Face::Girl => -0.1,
        Face::Woman | Face::OldWoman => -0.4,
        _ => -0.3,
    };
    hair_cap(p, head_c, head_r, reach, hair);
    if face == Face::OldWoman {
        // Hair tied up in a bun.
        p.circle_filled(head_c - vec2(0.0, head_r.y * 1.05), 0.07 * s, hair);
    }
    hair_sheen(p, head_c, head_r, hair);
    face_features(p, head_c, head_r, s, mood, pale(SKIN_SHADE));
    if mood == Mood::Sick {
        // A blanket round the shoulders.
        rect(
            p,
            pos2(cx - 0.44 * s * k, shoulders_top + 0.02 * s),
            pos2(cx + 0.44 * s * k, r.bottom() + 0.2 * s),
            egui::CornerRadius::same((0.14 * s) as u8),
            Color32::from_rgb(150, 120, 110),
        );
        // A damp cloth folded on the forehead, pale blue.
        let cloth = Rect::from_center_size(
            head_c - vec2(0.0, head_r.y * 0.42),
            vec2(head_r.x * 0.9, 0.07 * s),
        );
        p.rect_filled(cloth, 2.0, super::scenes::DAMP_CLOTH);
        p.rect_stroke(cloth, 2.0, ink(s), egui::StrokeKind::Middle);
    }
    if pose != Pose::Rest {
        arms(p, &b, pose, body, skin);
    }
}

/// Only the posed arms of [`figure`] (drawn again over what stands in front of its body),
/// its hands in `skin`.
pub fn figure_arms(p: &Painter, r: Rect, face: Face, mood: Mood, pose: Pose, skin: Color32) {
    let s = r.width().min(r.height());
    let k = if matches!(face, Face::Girl | Face::Boy) {
        0.86
    } else {
        1.0
    };
    let b = Body::new(r.center().x, r.bottom(), s, k, mood, 0.4);
    arms(p, &b, pose, clothes(face), skin);
}

/// A head at `head_c` (radii `head_r`, portrait size `s`) in `skin`, its far side in `shade`,
/// an ink line round it.
pub(super) fn head(
    p: &Painter,
    head_c: Pos2,
    head_r: egui::Vec2,
    s: f32,
    skin: Color32,
    shade: Color32,
) {
    ellipse(p, head_c, head_r, skin);
    // (A third of the way to the shade: at half, the hard edge down the face read as a
    // two-tone mask or a bruise.)
    shade_side(p, head_c, head_r, 0.26, skin.lerp_to_gamma(shade, 0.32));
    p.add(Shape::ellipse_stroke(head_c, head_r, ink(s)));
}

/// A V-shaped collar below the neck at `c`: `size` is its half-width and depth.
fn collar(p: &Painter, c: Pos2, size: egui::Vec2, color: Color32) {
    fill(
        p,
        vec![
            c - vec2(size.x, 0.0),
            c + vec2(0.0, size.y),
            c + vec2(size.x, 0.0),
        ],
        color,
    );
}

/// Who stops her, as a player tells them apart at a glance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Uniform {
    /// The street teams (Group 8.2's joint command): olive uniform, the red armband, a
    /// peaked cap with a red band.
    StreetTeam,
    /// The youth league's young patrols: no uniform, a young man's navy jacket with the red
    /// armband, bareheaded, the league's round badge.
    Youth,
    /// An officer of State Security: no uniform and no armband, a dark jacket over a white
    /// shirt; he does not need to show who he is.
    Security,
}

impl Uniform {
    /// What the body and the sleeves are dressed in.
    pub fn jacket(self) -> Color32 {
        match self {
            Uniform::StreetTeam => UNIFORM,
            Uniform::Youth => YOUTH_JACKET,
            Uniform::Security => SECURITY_JACKET,
        }
    }

    pub fn of(kind: crate::rules::InspectorKind) -> Uniform {
        use crate::rules::InspectorKind as K;
        match kind {
            K::JointCommand82 => Uniform::StreetTeam,
            K::YouthLeague => Uniform::Youth,
            K::StateSecurity => Uniform::Security,
        }
    }
}

pub(super) const SECURITY_JACKET: Color32 = Color32::from_rgb(46, 50, 60);
const YOUTH_JACKET: Color32 = Color32::from_rgb(56, 76, 112);

/// The body of someone who stops her, in `r`, held as `mood` holds it: his head a little
/// lower in its square than a portrait's, his shoulders broader.
pub(super) fn inspector_body(r: Rect, mood: Mood) -> Body {
    let s = r.width().min(r.height());
    let mut b = Body::new(r.center().x, r.bottom(), s, 1.0, mood, 0.42);
    b.head_c.y += 0.02 * s;
    b.neck.y += 0.02 * s;
    b
}

/// Someone who stops her: a person, the same face as anyone else, dressed as `uniform` says,
/// looking as `mood` says (stern at work, angry when something was found); with `arm_out`,
/// his left arm is drawn apart by the caller (held out, or holding up her phone), and the
/// armband goes on that sleeve ([`armband`]).
pub(super) fn inspector_posed(p: &Painter, r: Rect, uniform: Uniform, mood: Mood, arm_out: bool) {
    let s = r.width().min(r.height());
    if s < 2.0 {
        return;
    }
    let cx = r.center().x;
    let b = inspector_body(r, mood);
    let (head_c, head_r, shoulders_top) = (b.head_c, b.head_r, b.neck.y);
    let security = uniform == Uniform::Security;
    torso(p, &b, uniform.jacket());
    let sleeve = uniform.jacket().lerp_to_gamma(Color32::BLACK, 0.08);
    // The arms at his sides; the one toward her posed apart when `arm_out`.
    for side in [-1.0f32, 1.0] {
        if side > 0.0 && arm_out {
            continue;
        }
        let (sh, wrist) = rest_arm(p, &b, side, sleeve);
        if side > 0.0 && !security {
            // The red armband on the left arm (our right), the mark of the street teams,
            // round the upper arm.
            armband(p, sh, wrist, b.arm_width());
        }
    }
    // Collar, neck, head.
    p.rect_filled(
        Rect::from_center_size(pos2(cx, shoulders_top - 0.02 * s), vec2(0.12 * s, 0.12 * s)),
        0.0,
        SKIN_SHADE,
    );
    // The collar at the open neck, and a pin on the chest (its height, its radius, a gold
    // heart): a white shirt's under State Security's dark jacket with a small pin; a shirt's
    // under the youth league's jacket with the league's round badge; the uniform's own.
    let (size, shirt, pin) = match uniform {
        Uniform::Security => (
            vec2(0.16, 0.12),
            Color32::from_rgb(236, 234, 226),
            Some((0.1, 0.025, None)),
        ),
        Uniform::Youth => (
            vec2(0.14, 0.1),
            Color32::from_rgb(226, 228, 232),
            Some((0.12, 0.035, Some(0.015))),
        ),
        Uniform::StreetTeam => (vec2(0.14, 0.1), Color32::from_rgb(70, 76, 56), None),
    };
    collar(p, pos2(cx, shoulders_top), size * s, shirt);
    if let Some((y, radius, heart)) = pin {
        let at = pos2(cx - 0.22 * s, shoulders_top + y * s);
        p.circle_filled(at, radius * s, STATE_RED);
        if let Some(h) = heart {
            p.circle_filled(at, h * s, AMBER_BADGE);
        }
    }
    head(p, head_c, head_r, s, SKIN, SKIN_SHADE);
    match uniform {
        // Short hair, no cap.
        Uniform::Youth => hair_cap(p, head_c, head_r, -0.05, HAIR),
        // Hair combed flat, a little longer: an office, not a street patrol.
        Uniform::Security => {
            hair_cap(p, head_c, head_r, 0.05, HAIR);
            // Older, an office: thin round glasses.
            let frame = Stroke::new((0.008 * s).max(1.0), Color32::from_rgb(60, 56, 52));
            let ey = head_c.y + head_r.y * 0.12;
            for side in [-1.0f32, 1.0] {
                p.circle_stroke(pos2(head_c.x + side * 0.4 * head_r.x, ey), 0.045 * s, frame);
            }
            p.line_segment(
                [
                    pos2(head_c.x - 0.4 * head_r.x + 0.045 * s, ey),
                    pos2(head_c.x + 0.4 * head_r.x - 0.045 * s, ey),
                ],
                frame,
            );
        }
        Uniform::StreetTeam => peaked_cap(p, cx, s, head_c, head_r),
    }
    if uniform != Uniform::StreetTeam {
        hair_sheen(p, head_c, head_r, HAIR);
    }
    face_features(p, head_c, head_r, s, mood, SKIN_SHADE);
}

/// A hand at `at`, reaching along `d` (a unit vector), as wide as a `width` sleeve: the palm
/// and the fingers together, the thumb apart, the fingers' lines (a loose circle read as a
/// ball in the hand, issue 35's reviewers). `thumb` 1 puts the thumb on the left of the way it
/// reaches, -1 on the right.
pub(super) fn hand_at(p: &Painter, at: Pos2, d: egui::Vec2, width: f32, thumb: f32, skin: Color32) {
    let n = vec2(-d.y, d.x) * thumb;
    let oval = |c: Pos2, along: egui::Vec2, a: f32, b: f32| -> Vec<Pos2> {
        let across = vec2(-along.y, along.x);
        (0..16)
            .map(|i| {
                let t = i as f32 / 16.0 * std::f32::consts::TAU;
                c + along * (a * t.cos()) + across * (b * t.sin())
            })
            .collect()
    };
    // The thumb first, under the palm's edge, turned out from it.
    let thumb_dir = (d * 0.6 + n * 0.8).normalized();
    let line = ink(width / 0.11);
    outlined(
        p,
        oval(
            at + n * width * 0.3 + d * width * 0.05,
            thumb_dir,
            width * 0.24,
            width * 0.11,
        ),
        skin.lerp_to_gamma(SKIN_SHADE, 0.25),
        line,
    );
    outlined(
        p,
        oval(at + d * width * 0.08, d, width * 0.46, width * 0.36),
        skin,
        line,
    );
    if width >= 14.0 {
        let crease = Stroke::new((width * 0.04).max(1.0), SKIN_SHADE);
        for k in [-0.12f32, 0.1] {
            let from = at + d * width * 0.26 + n * width * k;
            p.line_segment([from, from + d * width * 0.26], crease);
        }
    }
}

/// A convex shape through `pts` in `color` with `line` round it.
fn outlined(p: &Painter, pts: Vec<Pos2>, color: Color32, line: Stroke) {
    p.add(Shape::convex_polygon(pts, color, line));
}

/// The red armband across a sleeve from `shoulder` toward `hand`, a third of the way down,
/// `width` wide as the sleeve.
pub(super) fn armband(p: &Painter, shoulder: Pos2, hand: Pos2, width: f32) {
    let d = (hand - shoulder).normalized();
    let n = vec2(-d.y, d.x) * width * 0.52;
    let len = (hand - shoulder).length();
    let (a, b) = (shoulder + d * len * 0.22, shoulder + d * len * 0.36);
    outlined(
        p,
        vec![a + n, b + n, b - n, a - n],
        STATE_RED,
        ink(width / 0.13),
    );
}

/// The peaked cap: crown, red band, visor, badge.
fn peaked_cap(p: &Painter, cx: f32, s: f32, head_c: Pos2, head_r: egui::Vec2) {
    let crown = Rect::from_min_max(
        pos2(cx - head_r.x * 1.25, head_c.y - head_r.y * 1.25),
        pos2(cx + head_r.x * 1.25, head_c.y - head_r.y * 0.55),
    );
    p.rect_filled(crown, egui::CornerRadius::same((0.05 * s) as u8), UNIFORM);
    // (Rounded as the crown's foot: square, its corners stood out past the crown.)
    let round = (0.05 * s) as u8;
    rect(
        p,
        pos2(crown.left(), crown.bottom() - 0.05 * s),
        crown.right_bottom(),
        egui::CornerRadius {
            nw: 0,
            ne: 0,
            sw: round,
            se: round,
        },
        STATE_RED.gamma_multiply(0.85),
    );
    fill(
        p,
        arc(
            pos2(cx, crown.bottom()),
            vec2(head_r.x * 1.05, 0.05 * s),
            0.0,
            std::f32::consts::PI,
            12,
        ),
        Color32::from_rgb(40, 42, 34),
    );
    p.circle_filled(pos2(cx, crown.center().y - 0.02 * s), 0.03 * s, AMBER_BADGE);
}

//! Bodies (issue 35's fourteenth and fifteenth reviewers: "every person is the same bust cut
//! at the chest … mitten hands, no body language"): a torso with shoulders, arms that bend at
//! the elbow and do something, a posture that the moment changes, and an ink line round each
//! part, as a drawn figure has.

use super::*;

/// The ink of the line round a figure's parts: a warm near-black.
pub(super) const INK: Color32 = Color32::from_rgb(44, 36, 32);

/// The ink line round the parts of a figure `s` points tall: thin on a phone's contact, a pen's
/// line on a scene.
pub(super) fn ink(s: f32) -> Stroke {
    Stroke::new((0.011 * s).clamp(0.8, 2.4), INK)
}

/// What a figure's arms do. Positions are shares of the portrait's size: across from the
/// figure's middle, down from the top of its square.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Pose {
    /// Arms at the sides.
    Rest,
    /// Forearms on a table whose edge is at `y`, the hands either side of the bowl; the
    /// right one holding a spoon when `spoon`.
    AtTable { y: f32, spoon: bool },
    /// Eating at the table whose edge is at `y`: the left hand at the bowl, the right lifting
    /// a spoonful to the mouth.
    SpoonUp { y: f32 },
    /// Tired at the table whose edge is at `y`: the right elbow on it and the chin on that
    /// hand, the left forearm flat on the table.
    ChinOnHand { y: f32 },
    /// Both hands on a counter's edge at `y`, the fingers over it toward us.
    HandsOn { y: f32 },
    /// Selling: the left hand on a counter's edge at `y`, the right held out to `to` with a
    /// bag of goods.
    Offer { y: f32, to: (f32, f32) },
    /// Paying: the right arm at the side, the left held out to `to` (the caller draws the
    /// notes in the hand).
    Pay { to: (f32, f32) },
    /// Both forearms up to the middle of the chest, where the caller draws what she holds
    /// and her hands round it (the hands are the caller's: they go over the phone).
    Clutch,
    /// Both hands clasped low in front, the arms held in: standing to be judged.
    Clasped,
}

/// How a mood holds the body: the shoulders' and the head's drop (a share of the size; less
/// than 0 raises the shoulders, hunched), and the shoulders' width against an upright body's.
pub(super) fn posture(mood: Mood) -> (f32, f32, f32) {
    // (head drop, shoulder drop, width)
    match mood {
        // Slumped: head and shoulders sunk, the chest narrowed.
        Mood::Hungry | Mood::Tired => (0.04, 0.04, 0.93),
        Mood::Ashamed => (0.05, 0.045, 0.9),
        Mood::Sick => (0.03, 0.03, 0.94),
        // Hunched: the shoulders drawn up toward the ears, the arms in.
        Mood::Afraid => (0.0, -0.04, 0.9),
        // Square and broad.
        Mood::Stern | Mood::Angry => (0.0, 0.0, 1.05),
        Mood::Well | Mood::Relieved => (0.0, 0.0, 1.0),
    }
}

/// Where a figure's parts are, in points.
#[derive(Clone, Copy, Debug)]
pub(super) struct Body {
    /// Its size, the middle of its body and the top of its square.
    pub s: f32,
    pub cx: f32,
    pub top: f32,
    pub head_c: Pos2,
    pub head_r: egui::Vec2,
    /// The foot of the neck, where the shoulders begin.
    pub neck: Pos2,
    /// Half the shoulders' width, and that as a share of the size.
    pub half: f32,
    share: f32,
    /// Where the body's drawing ends, below the square (cut by whatever frames it).
    pub bottom: f32,
}

impl Body {
    /// A figure's body in the square of size `s` whose foot's middle is (`cx`, `foot`):
    /// smaller by `k` for a child, held as `mood` holds it, its shoulders `broad` wide each
    /// side of the middle (a share of the size: 0.4 for most).
    pub fn new(cx: f32, foot: f32, s: f32, k: f32, mood: Mood, broad: f32) -> Body {
        let top = foot - s;
        let (head_drop, shoulder_drop, width) = posture(mood);
        let head_c = pos2(cx, top + (0.42 + (1.0 - k) * 0.5 + head_drop) * s);
        let head_r = vec2(0.17, 0.21) * s * k;
        let upright = top + (0.42 + (1.0 - k) * 0.5) * s + 0.21 * s * k * 1.15;
        Body {
            s,
            cx,
            top,
            head_c,
            head_r,
            neck: pos2(cx, upright + shoulder_drop * s),
            half: broad * width * s * k,
            share: broad * width * k,
            bottom: foot + 0.2 * s,
        }
    }

    /// A point `x` across from the middle and `y` down from the square's top, in shares of
    /// the size.
    pub fn at(&self, x: f32, y: f32) -> Pos2 {
        pos2(self.cx + x * self.s, self.top + y * self.s)
    }

    /// Where the arm on `side` (-1 our left, 1 our right) meets the body.
    pub fn shoulder(&self, side: f32) -> Pos2 {
        pos2(
            self.cx + side * (self.half - 0.07 * self.s),
            self.neck.y + 0.1 * self.s,
        )
    }

    /// A sleeve's width (by the shoulders' share, not their width over the size: at size 0
    /// that is 0 / 0, and a NaN panics the tessellator).
    pub fn arm_width(&self) -> f32 {
        0.13 * self.s * (self.share / 0.4).clamp(0.8, 1.1)
    }

    /// The chin's point.
    pub fn chin(&self) -> Pos2 {
        self.head_c + vec2(0.0, self.head_r.y)
    }
}

/// The torso of `b` in `cloth`: the neckline, the shoulders rounding down into the arms, the
/// sides straight down past the frame; its far side (our right) in the cloth's shade, an ink
/// line round it.
pub(super) fn torso(p: &Painter, b: &Body, cloth: Color32) {
    let s = b.s;
    let (ny, cx, half) = (b.neck.y, b.cx, b.half);
    let round = vec2(0.1 * s, 0.09 * s);
    let half_pi = std::f32::consts::FRAC_PI_2;
    let right_c = pos2(cx + half - round.x, ny + round.y + 0.01 * s);
    let left_c = pos2(cx - half + round.x, ny + round.y + 0.01 * s);
    let neck_w = 0.09 * s * (half / (0.4 * s)).min(1.0);
    let mut pts = vec![pos2(cx - neck_w, ny), pos2(cx + neck_w, ny)];
    pts.extend(arc(right_c, round, -half_pi, 0.0, 6));
    pts.push(pos2(cx + half * 1.02, b.bottom));
    pts.push(pos2(cx - half * 1.02, b.bottom));
    pts.extend(arc(left_c, round, std::f32::consts::PI, 3.0 * half_pi, 6));
    fill(p, pts.clone(), cloth);
    // The far side in shade: the torso's part right of a line down it.
    let shade = clip_right(&pts, cx + half * 0.42);
    if shade.len() >= 3 {
        fill(p, shade, cloth.lerp_to_gamma(Color32::BLACK, 0.16));
    }
    p.add(Shape::closed_line(pts, ink(s)));
}

/// The part of the convex polygon `pts` right of the line x = `x0` (a convex polygon too).
pub(super) fn clip_right(pts: &[Pos2], x0: f32) -> Vec<Pos2> {
    let mut out = Vec::new();
    for (i, &a) in pts.iter().enumerate() {
        let b = pts[(i + 1) % pts.len()];
        let (ia, ib) = (a.x >= x0, b.x >= x0);
        if ia {
            out.push(a);
        }
        if ia != ib {
            let t = (x0 - a.x) / (b.x - a.x);
            out.push(a + (b - a) * t);
        }
    }
    out
}

/// A sleeve through `joints` (shoulder, elbow, wrist), `width` wide, in `cloth`, an ink line
/// round it: the ink laid wider first, the cloth over it, so the line runs round the outside
/// of the bend, not across it.
pub(super) fn limb(p: &Painter, joints: &[Pos2], width: f32, cloth: Color32, line: Stroke) {
    for (w, color) in [(width + 2.0 * line.width, line.color), (width, cloth)] {
        for pair in joints.windows(2) {
            p.line_segment([pair[0], pair[1]], Stroke::new(w, color));
        }
        for &j in joints {
            p.circle_filled(j, w * 0.5, color);
        }
    }
}

/// An arm of `b` on `side` bent at `elbow` to its hand at `hand`, in `cloth`, the hand in
/// `skin` reaching on from the forearm.
pub(super) fn bent_arm(
    p: &Painter,
    b: &Body,
    side: f32,
    [elbow, hand]: [Pos2; 2],
    cloth: Color32,
    skin: Color32,
) {
    let w = b.arm_width();
    let d = (hand - elbow).normalized();
    let wrist = hand - d * w * 0.45;
    limb(p, &[b.shoulder(side), elbow, wrist], w, cloth, ink(b.s));
    super::people::hand_at(p, hand, d, w * 0.85, thumb_up(d), skin);
}

/// The arm of `b` on `side` hanging at its side in `sleeve`; returns its shoulder and wrist.
pub(super) fn rest_arm(p: &Painter, b: &Body, side: f32, sleeve: Color32) -> (Pos2, Pos2) {
    let sh = b.shoulder(side);
    let elbow = pos2(sh.x + side * 0.05 * b.s, sh.y + 0.34 * b.s);
    let wrist = pos2(sh.x + side * 0.03 * b.s, sh.y + 0.66 * b.s);
    limb(p, &[sh, elbow, wrist], b.arm_width(), sleeve, ink(b.s));
    (sh, wrist)
}

/// A bag of goods hanging by its loops from a hand at `hand`, for a figure `s` tall.
fn bag_in_hand(p: &Painter, hand: Pos2, s: f32) {
    let bag = Rect::from_center_size(hand + vec2(0.0, 0.13 * s), vec2(0.13 * s, 0.15 * s));
    let line = ink(s);
    for side in [-1.0f32, 1.0] {
        p.line_segment(
            [hand, bag.center_top() + vec2(side * 0.04 * s, 0.0)],
            Stroke::new(line.width, Color32::from_rgb(200, 196, 186)),
        );
    }
    p.rect_filled(bag, 0.03 * s, Color32::from_rgb(226, 222, 210));
    p.rect_stroke(bag, 0.03 * s, line, egui::StrokeKind::Middle);
}

/// The side of a hand reaching along `d` its thumb goes on to point up (see `hand_at`).
pub(super) fn thumb_up(d: egui::Vec2) -> f32 {
    if d.x >= 0.0 { -1.0 } else { 1.0 }
}

/// The arms of `b` as `pose` holds them, in `cloth` (its sleeves a little darker), hands in
/// `skin`. Arms at rest are drawn before the head (the caller's order), posed ones after.
pub(super) fn arms(p: &Painter, b: &Body, pose: Pose, cloth: Color32, skin: Color32) {
    let sleeve = cloth.lerp_to_gamma(Color32::BLACK, 0.08);
    let s = b.s;
    // A forearm on the table whose edge is at `y`, the hand beside the bowl; returns the hand.
    let on_table = |side: f32, y: f32| {
        let hand = b.at(side * 0.2, y - 0.03);
        bent_arm(p, b, side, [b.at(side * 0.4, y - 0.04), hand], sleeve, skin);
        hand
    };
    // A hand on a counter's edge at `y`, the fingers over it toward us.
    let on_edge = |side: f32, y: f32| {
        let hand = b.at(side * 0.17, y + 0.01);
        let w = b.arm_width();
        let d = vec2(-side * 0.25, 1.0).normalized();
        let elbow = b.at(side * 0.36, y - 0.14);
        limb(
            p,
            &[b.shoulder(side), elbow, hand - d * w * 0.5],
            w,
            sleeve,
            ink(s),
        );
        super::people::hand_at(p, hand, d, w * 0.85, side, skin);
    };
    // A spoon from `from` to its bowl at `to`.
    let spoon_at = |from: Pos2, to: Pos2| {
        let line = Stroke::new((0.014 * s).max(1.2), Color32::from_rgb(150, 150, 146));
        p.line_segment([from, to], line);
    };
    match pose {
        Pose::Rest => {
            for side in [-1.0f32, 1.0] {
                rest_arm(p, b, side, sleeve);
            }
        }
        Pose::AtTable { y, spoon } => {
            for side in [-1.0f32, 1.0] {
                let hand = on_table(side, y);
                if spoon && side > 0.0 {
                    // A spoon in the right hand, its bowl dipped toward the rice.
                    let from = hand + vec2(-0.02 * s, -0.02 * s);
                    let to = from + vec2(-0.1 * s, -0.07 * s);
                    spoon_at(from, to);
                    ellipse(
                        p,
                        to,
                        vec2(0.022 * s, 0.014 * s),
                        Color32::from_rgb(176, 176, 170),
                    );
                }
            }
        }
        Pose::SpoonUp { y } => {
            on_table(-1.0, y);
            let mouth = b.chin() - vec2(0.0, b.head_r.y * 0.4);
            let hand = mouth + vec2(0.13 * s, 0.1 * s);
            spoon_at(hand, mouth + vec2(0.03 * s, 0.01 * s));
            bent_arm(p, b, 1.0, [b.at(0.36, y - 0.02), hand], sleeve, skin);
        }
        Pose::ChinOnHand { y } => {
            // The left forearm flat on the table.
            on_table(-1.0, y);
            // The right elbow on the table, the hand up under the chin, its back to us.
            let chin = b.chin();
            let elbow = pos2(b.cx + 0.26 * s, b.top + (y - 0.03) * s);
            let hand = chin + vec2(0.04 * s, 0.035 * s);
            bent_arm(p, b, 1.0, [elbow, hand], sleeve, skin);
        }
        Pose::HandsOn { y } => {
            for side in [-1.0f32, 1.0] {
                on_edge(side, y);
            }
        }
        Pose::Offer { y, to } => {
            on_edge(-1.0, y);
            let hand = b.at(to.0, to.1);
            bag_in_hand(p, hand, s);
            bent_arm(p, b, 1.0, [b.at(0.44, y - 0.06), hand], sleeve, skin);
        }
        Pose::Pay { to } => {
            rest_arm(p, b, 1.0, sleeve);
            let hand = b.at(to.0, to.1);
            bent_arm(p, b, -1.0, [b.at(-0.32, 1.02), hand], sleeve, skin);
        }
        Pose::Clutch => {
            for side in [-1.0f32, 1.0] {
                let elbow = b.at(side * 0.34, 1.08);
                let wrist = b.at(side * 0.12, 0.98);
                limb(
                    p,
                    &[b.shoulder(side), elbow, wrist],
                    b.arm_width(),
                    sleeve,
                    ink(s),
                );
            }
        }
        Pose::Clasped => {
            let w = b.arm_width();
            for side in [-1.0f32, 1.0] {
                let elbow = b.at(side * 0.34, 1.0);
                let hand = b.at(side * 0.05, 0.9);
                let d = (hand - elbow).normalized();
                limb(
                    p,
                    &[b.shoulder(side), elbow, hand - d * w * 0.5],
                    w,
                    sleeve,
                    ink(s),
                );
            }
            // One hand over the other.
            for side in [-1.0f32, 1.0] {
                let hand = b.at(side * 0.04, 0.89 - side * 0.02);
                super::people::hand_at(
                    p,
                    hand,
                    vec2(-side, 0.15).normalized(),
                    w * 0.85,
                    1.0,
                    skin,
                );
            }
        }
    }
}

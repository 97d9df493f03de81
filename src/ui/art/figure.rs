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
fn posture(mood: Mood) -> (f32, f32, f32) {
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
fn clip_right(pts: &[Pos2], x0: f32) -> Vec<Pos2> {
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
            // A bag of goods hanging from the hand by its loops.
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

/// Someone standing, head to foot, `tall` points high with their feet at `foot`: the head as
/// a portrait's with its face, the coat to the knee with its shoulders and its far side in
/// shade, the arms hanging with their hands, the legs `stride` apart (0 standing, 1 a full
/// step), shoes; an ink line round each part. `bundle`: a bundle of goods tied on the back, its
/// knot over the shoulder. They are dressed as `face` says; `light` tints it all.
#[allow(clippy::too_many_arguments)]
pub fn standing(
    p: &Painter,
    foot: Pos2,
    tall: f32,
    face: crate::rules::Face,
    mood: Mood,
    stride: f32,
    bundle: bool,
    light: Light,
) {
    use crate::rules::Face;
    let t = tall;
    if t < 2.0 {
        return;
    }
    let at = |x: f32, y: f32| pos2(foot.x + x * t, foot.y - t + y * t);
    let line = ink(t * 0.45);
    let (head_drop, shoulder_drop, width) = posture(mood);
    let coat = light.tint(clothes(face));
    let skin = light.tint(SKIN);
    let trousers = light.tint(Color32::from_rgb(58, 56, 60));
    // The bundle first, behind her.
    if bundle {
        tied_bundle(p, at(-0.1, 0.34), 0.16 * t, line, light);
    }
    // The legs, then the shoes.
    for side in [-1.0f32, 1.0] {
        let hip = at(side * 0.045, 0.56);
        let ankle = at(side * (0.05 + 0.07 * stride), 0.955);
        limb(p, &[hip, ankle], 0.062 * t, trousers, line);
        let toe = ankle + vec2(side * 0.012 * t, 0.022 * t);
        p.add(Shape::ellipse_filled(
            toe,
            vec2(0.042 * t, 0.022 * t),
            light.tint(Color32::from_rgb(40, 36, 34)),
        ));
    }
    // The coat from the shoulders to the knee, a little wider at its hem.
    let ny = 0.2 + shoulder_drop * 0.4;
    let half = 0.13 * width;
    let round = vec2(0.045 * t, 0.04 * t);
    let half_pi = std::f32::consts::FRAC_PI_2;
    let mut pts = vec![at(-0.04, ny), at(0.04, ny)];
    pts.extend(arc(at(half - 0.045, ny + 0.045), round, -half_pi, 0.0, 5));
    pts.push(at(half + 0.03, 0.66));
    pts.push(at(-half - 0.03, 0.66));
    pts.extend(arc(
        at(-half + 0.045, ny + 0.045),
        round,
        std::f32::consts::PI,
        3.0 * half_pi,
        5,
    ));
    fill(p, pts.clone(), coat);
    let shade = clip_right(&pts, foot.x + half * t * 0.4);
    if shade.len() >= 3 {
        fill(p, shade, coat.lerp_to_gamma(Color32::BLACK, 0.16));
    }
    p.add(Shape::closed_line(pts, line));
    if bundle {
        // Its cloth's end over the shoulder and across the chest, sagging, under the far arm
        // (a straight line to the hip read as a pole through her).
        let strap = light.tint(Color32::from_rgb(128, 108, 80));
        limb(
            p,
            &[
                at(-half + 0.03, ny + 0.015),
                at(-0.02, ny + 0.1),
                at(half - 0.03, ny + 0.12),
            ],
            0.022 * t,
            strap,
            Stroke::new(line.width * 0.7, INK),
        );
    }
    // Her arms hanging, a little apart from the coat, swinging with the step.
    let sleeve = coat.lerp_to_gamma(Color32::BLACK, 0.08);
    for side in [-1.0f32, 1.0] {
        let sh = at(side * (half - 0.025), ny + 0.05);
        let swing = side * stride * 0.04;
        let elbow = at(side * (half + 0.01) + swing * 0.5, ny + 0.2);
        let hand = at(side * (half - 0.005) + swing, ny + 0.37);
        let d = (hand - elbow).normalized();
        limb(
            p,
            &[sh, elbow, hand - d * 0.03 * t],
            0.055 * t,
            sleeve,
            line,
        );
        super::people::hand_at(p, hand, d, 0.062 * t, thumb_up(d), skin);
    }
    // The neck and the head, with its hair and its face as a portrait's.
    let s = 0.4 * t;
    let head_c = at(0.0, 0.1 + head_drop * 0.3);
    let head_r = vec2(0.17, 0.21) * s;
    p.rect_filled(
        Rect::from_center_size(at(0.0, ny - 0.01), vec2(0.04 * t, 0.05 * t)),
        0.0,
        light.tint(SKIN_SHADE),
    );
    super::people::head(p, head_c, head_r, s, skin, light.tint(SKIN_SHADE));
    let old = matches!(face, Face::OldWoman | Face::OldMan);
    let hair = if old { GREY_HAIR } else { HAIR };
    let reach = match face {
        Face::Girl => -0.1,
        Face::Woman | Face::OldWoman => -0.4,
        _ => -0.3,
    };
    super::face::hair_cap(p, head_c, head_r, reach, hair);
    if matches!(face, Face::Woman | Face::OldWoman) {
        p.circle_filled(head_c - vec2(0.0, head_r.y * 1.05), 0.07 * s, hair);
    }
    super::face::face_features(p, head_c, head_r, s, mood, light.tint(SKIN_SHADE));
}

/// A bundle of goods tied in a cloth, `r` across its half, its middle at `c`: its knot's two
/// ends on top and the folds drawn to it (a plain round read as a boulder, then an onion).
fn tied_bundle(p: &Painter, c: Pos2, r: f32, line: Stroke, light: Light) {
    let cloth = light.tint(Color32::from_rgb(150, 128, 96));
    let fold = light.tint(Color32::from_rgb(122, 102, 74));
    let top = c - vec2(0.0, r * 1.02);
    for side in [-1.0f32, 1.0] {
        let ear = top + vec2(side * r * 0.3, -r * 0.12);
        p.add(Shape::ellipse_filled(ear, vec2(r * 0.28, r * 0.16), fold));
        p.add(Shape::ellipse_stroke(ear, vec2(r * 0.28, r * 0.16), line));
    }
    let body = vec2(r * 0.9, r);
    p.add(Shape::ellipse_filled(c, body, cloth));
    for k in [-1.0f32, 1.0] {
        p.line_segment(
            [
                top + vec2(k * r * 0.12, r * 0.1),
                c + vec2(k * r * 0.6, r * 0.6),
            ],
            Stroke::new(line.width.max(1.0), fold),
        );
    }
    p.add(Shape::ellipse_stroke(c, body, line));
    p.circle_filled(top + vec2(0.0, r * 0.04), r * 0.16, fold);
}

/// Someone far off, as a flat shape in `color`, `tall` points high on `foot`: head, coat,
/// hanging arms and legs, as [`standing`] draws them, with no face or line (the people who
/// look on, muted by the distance).
pub(super) fn silhouette(p: &Painter, foot: Pos2, tall: f32, color: Color32, bag: bool) {
    let t = tall;
    let at = |x: f32, y: f32| pos2(foot.x + x * t, foot.y - t + y * t);
    for side in [-1.0f32, 1.0] {
        p.line_segment(
            [at(side * 0.045, 0.6), at(side * 0.05, 0.97)],
            Stroke::new(0.065 * t, color),
        );
        p.circle_filled(at(side * 0.055, 0.975), 0.035 * t, color);
        // An arm, a little apart from the coat; a bag in one hand.
        p.line_segment(
            [at(side * 0.12, 0.25), at(side * 0.15, 0.55)],
            Stroke::new(0.05 * t, color),
        );
    }
    fill(
        p,
        vec![
            at(-0.05, 0.2),
            at(0.05, 0.2),
            at(0.13, 0.23),
            at(0.155, 0.66),
            at(-0.155, 0.66),
            at(-0.13, 0.23),
        ],
        color,
    );
    ellipse(p, at(0.0, 0.11), vec2(0.065, 0.08) * t, color);
    if bag {
        p.rect_filled(
            Rect::from_min_size(at(0.12, 0.52), vec2(0.09 * t, 0.1 * t)),
            0.01 * t,
            color,
        );
    }
}

/// Someone walking by, seen from the side, `tall` points high with their feet at `foot`,
/// facing `heading` (-1 left, 1 right), mid-step: the near leg forward and the far one back,
/// the arms swinging against them, a little lean into the walk; `coat` dresses them, `hair`
/// their head, and `load` puts a bag in the far hand. An ink line round each part.
#[allow(clippy::too_many_arguments)]
pub(super) fn walker(
    p: &Painter,
    foot: Pos2,
    tall: f32,
    heading: f32,
    coat: Color32,
    hair: Color32,
    load: bool,
    light: Light,
) {
    let t = tall;
    if t < 2.0 {
        return;
    }
    let h = heading;
    let at = |x: f32, y: f32| pos2(foot.x + h * x * t, foot.y - t + y * t);
    let line = ink(t * 0.45);
    let coat = light.tint(coat);
    let far = coat.lerp_to_gamma(Color32::BLACK, 0.2);
    let trousers = light.tint(Color32::from_rgb(58, 56, 60));
    let skin = light.tint(SKIN);
    let shoe = light.tint(Color32::from_rgb(40, 36, 34));
    // The far arm and leg first, in shade.
    let hip = at(0.0, 0.56);
    let shoulder = at(0.01, 0.24);
    let step = |p: &Painter, sign: f32, color: Color32| {
        let knee = at(sign * 0.08, 0.76);
        let ankle = at(sign * 0.1 - 0.02 * (1.0 - sign), 0.96);
        limb(p, &[hip, knee, ankle], 0.06 * t, color, line);
        p.add(Shape::ellipse_filled(
            ankle + vec2(h * 0.025 * t, 0.015 * t),
            vec2(0.04 * t, 0.018 * t),
            shoe,
        ));
    };
    let swing = |p: &Painter, sign: f32, color: Color32| {
        // (A little swing: swung wide, the near arm across the coat read as a bag's strap.)
        let elbow = at(sign * 0.035, 0.4);
        let hand = at(sign * 0.075, 0.54);
        limb(p, &[shoulder, elbow, hand], 0.05 * t, color, line);
        p.add(Shape::circle_filled(hand, 0.024 * t, skin));
        p.add(Shape::circle_stroke(hand, 0.024 * t, line));
        hand
    };
    step(p, -1.0, trousers.lerp_to_gamma(Color32::BLACK, 0.2));
    let far_hand = swing(p, 1.0, far);
    if load {
        let bag = Rect::from_min_size(far_hand + vec2(-0.04 * t, 0.0), vec2(0.09 * t, 0.1 * t));
        p.rect_filled(bag, 0.015 * t, light.tint(Color32::from_rgb(120, 104, 84)));
        p.rect_stroke(bag, 0.015 * t, line, egui::StrokeKind::Middle);
    }
    step(p, 1.0, trousers);
    // The coat, leaning a little into the walk, to the knee.
    let body = vec![
        at(-0.05, 0.2),
        at(0.05, 0.2),
        at(0.08, 0.26),
        at(0.1, 0.64),
        at(-0.1, 0.64),
        at(-0.08, 0.26),
    ];
    fill(p, body.clone(), coat);
    p.add(Shape::closed_line(body, line));
    // The head: the face's profile with its nose to the front, the hair over the back.
    profile_head(
        p,
        at(0.02, 0.11),
        vec2(0.062, 0.075) * t,
        h,
        hair,
        light,
        line,
    );
    // The near arm over the coat.
    swing(p, -1.0, coat.lerp_to_gamma(Color32::BLACK, 0.08));
}

/// A buyer at the stall seen from the side, facing `heading` (-1 left), `tall` high with the
/// feet at `foot` (below the frame: the counter hides the rest), the near hand held out to
/// `reach` with the notes in it, in a dark green coat. An ink line round each part.
pub(super) fn buyer(p: &Painter, foot: Pos2, tall: f32, heading: f32, reach: Pos2, light: Light) {
    let t = tall;
    if t < 2.0 {
        return;
    }
    let h = heading;
    let at = |x: f32, y: f32| pos2(foot.x + h * x * t, foot.y - t + y * t);
    let line = ink(t * 0.45);
    let coat = light.tint(Color32::from_rgb(78, 86, 74));
    let skin = light.tint(SKIN);
    // The coat from the shoulders down, a little bent toward her.
    let body = vec![
        at(-0.05, 0.2),
        at(0.06, 0.2),
        at(0.1, 0.27),
        at(0.11, 0.66),
        at(-0.11, 0.66),
        at(-0.09, 0.26),
    ];
    fill(p, body.clone(), coat);
    p.add(Shape::closed_line(body, line));
    profile_head(
        p,
        at(0.03, 0.11),
        vec2(0.062, 0.075) * t,
        h,
        HAIR,
        light,
        line,
    );
    // The near arm held out, the notes in the hand.
    let shoulder = at(0.02, 0.25);
    let elbow = at(0.1, 0.42);
    let w = 0.055 * t;
    let d = (reach - elbow).normalized();
    limb(
        p,
        &[shoulder, elbow, reach - d * w * 0.4],
        w,
        coat.lerp_to_gamma(Color32::BLACK, 0.08),
        line,
    );
    banknotes(p, reach + vec2(h * 0.02 * t, -0.02 * t), 0.09 * t, line);
    super::people::hand_at(p, reach, d, w, thumb_up(d), skin);
}

/// A finger pointed on from a hand at `hand` reached along from `elbow`, for a sleeve `w`
/// wide, its ink line as a figure `s` tall has (a fist raised read as waving).
pub(super) fn finger(p: &Painter, elbow: Pos2, hand: Pos2, w: f32, s: f32) {
    let d = (hand - elbow).normalized();
    limb(
        p,
        &[hand + d * w * 0.35, hand + d * w * 0.95],
        w * 0.2,
        SKIN,
        ink(s),
    );
}

/// Two banknotes fanned, `w` wide, their middle at `c`.
pub(super) fn banknotes(p: &Painter, c: Pos2, w: f32, line: Stroke) {
    for (k, color) in [
        (0.0, Color32::from_rgb(150, 184, 150)),
        (1.0, Color32::from_rgb(170, 150, 196)),
    ] {
        let n = Rect::from_center_size(c + vec2(k * w * 0.15, -k * w * 0.18), vec2(w, w * 0.5));
        p.rect_filled(n, 1.0, color);
        p.rect_stroke(n, 1.0, line, egui::StrokeKind::Inside);
    }
}

/// A head seen from the side at `head` (radii `hr`), facing `h` (-1 left, 1 right): the nose to
/// the front, the hair over the crown and the back, an eye looking ahead.
fn profile_head(
    p: &Painter,
    head: Pos2,
    hr: egui::Vec2,
    h: f32,
    hair: Color32,
    light: Light,
    line: Stroke,
) {
    let skin = light.tint(SKIN);
    p.rect_filled(
        Rect::from_center_size(
            head + vec2(-h * hr.x * 0.1, hr.y * 1.05),
            vec2(hr.x * 0.65, hr.y * 0.7),
        ),
        0.0,
        light.tint(SKIN_SHADE),
    );
    ellipse(p, head, hr, skin);
    fill(
        p,
        vec![
            head + vec2(h * hr.x * 0.85, -hr.y * 0.05),
            head + vec2(h * hr.x * 1.18, hr.y * 0.18),
            head + vec2(h * hr.x * 0.9, hr.y * 0.3),
        ],
        skin,
    );
    p.add(Shape::ellipse_stroke(head, hr, line));
    // The hair: over the crown down to a level hairline, and over the back of the head (one
    // slice from the back to the brow read as a wedge, a half-shaved head).
    let pi = std::f32::consts::PI;
    let top = hr * 1.06;
    let c = head - vec2(0.0, hr.y * 0.05);
    fill(
        p,
        arc(c, top, pi + 0.3, 2.0 * pi - 0.3, 14),
        light.tint(hair),
    );
    let (a0, a1) = if h > 0.0 {
        (pi * 0.7, pi * 1.3)
    } else {
        (-pi * 0.3, pi * 0.3)
    };
    fill(p, arc(c, top, a0, a1, 10), light.tint(hair));
    // The ear, the eye under its brow, the mouth.
    let ear = head + vec2(-h * hr.x * 0.12, hr.y * 0.12);
    ellipse(
        p,
        ear,
        vec2(hr.x * 0.12, hr.y * 0.18),
        skin.lerp_to_gamma(light.tint(SKIN_SHADE), 0.6),
    );
    let eye = head + vec2(h * hr.x * 0.58, -hr.y * 0.02);
    p.circle_filled(eye, (hr.x * 0.1).max(1.0), INK);
    if hr.y > 12.0 {
        let thin = Stroke::new(line.width * 0.8, INK);
        p.line_segment(
            [
                eye + vec2(-h * hr.x * 0.16, -hr.y * 0.2),
                eye + vec2(h * hr.x * 0.16, -hr.y * 0.22),
            ],
            thin,
        );
        p.line_segment(
            [
                head + vec2(h * hr.x * 0.62, hr.y * 0.55),
                head + vec2(h * hr.x * 0.86, hr.y * 0.52),
            ],
            Stroke::new(line.width * 0.8, light.tint(SKIN_SHADE).gamma_multiply(0.8)),
        );
    }
}

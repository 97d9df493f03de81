//! Figures seen whole (issue 35): someone standing head to foot, someone walking by seen
//! from the side, a buyer across her counter, the silhouettes of those who look on; and the
//! small things their hands hold (a tied bundle, banknotes, a pointed finger). Split from
//! figure.rs, which draws the bodies and their poses.

use super::figure::{INK, clip_right, ink, limb, posture, thumb_up};
use super::*;

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
    let old = matches!(face, Face::OldWoman | Face::OldMan);
    let hair = if old { GREY_HAIR } else { HAIR };
    if face == Face::Woman {
        super::face::hair_behind(p, head_c, head_r, hair, super::figure::ink(s));
    }
    super::people::head(p, head_c, head_r, s, skin, light.tint(SKIN_SHADE));
    let reach = match face {
        Face::Girl => -0.1,
        Face::Woman | Face::OldWoman => -0.4,
        _ => -0.3,
    };
    super::face::hair_cap(p, head_c, head_r, reach, hair);
    if face == Face::OldWoman {
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
    // The coat, leaning a little into the walk, to the knee; the head in profile.
    let coat_at = [
        (-0.05, 0.2),
        (0.05, 0.2),
        (0.08, 0.26),
        (0.1, 0.64),
        (-0.1, 0.64),
        (-0.08, 0.26),
    ];
    side_coat_and_head(p, &at, coat_at, coat, 0.02, [h, t], hair, light);
    // The near arm over the coat.
    swing(p, -1.0, coat.lerp_to_gamma(Color32::BLACK, 0.08));
}

/// A buyer at the stall seen from the side, facing `heading` (-1 left), `tall` high with the
/// feet at `foot` (below the frame: the counter hides the rest), the near hand held out to
/// `reach` with the notes in it, in a dark green coat. An ink line round each part.
/// `who`: which of four buyers (a worker in green-grey, an old woman in brown, a young man
/// in blue, a woman in rust): each place its own (one buyer at every place read as one
/// template).
#[allow(clippy::too_many_arguments)]
pub(super) fn buyer(
    p: &Painter,
    foot: Pos2,
    tall: f32,
    heading: f32,
    reach: Pos2,
    light: Light,
    who: usize,
) {
    let t = tall;
    if t < 2.0 {
        return;
    }
    let h = heading;
    let at = |x: f32, y: f32| pos2(foot.x + h * x * t, foot.y - t + y * t);
    let line = ink(t * 0.45);
    let (coat, hair) = [
        (Color32::from_rgb(78, 86, 74), HAIR),
        (Color32::from_rgb(112, 92, 74), GREY_HAIR),
        (Color32::from_rgb(62, 78, 108), HAIR),
        (Color32::from_rgb(138, 82, 64), HAIR),
    ][who % 4];
    let coat = light.tint(coat);
    let skin = light.tint(SKIN);
    // The coat from the shoulders down, a little bent toward her; the head in profile.
    let coat_at = [
        (-0.05, 0.2),
        (0.06, 0.2),
        (0.1, 0.27),
        (0.11, 0.66),
        (-0.11, 0.66),
        (-0.09, 0.26),
    ];
    side_coat_and_head(p, &at, coat_at, coat, 0.03, [h, t], hair, light);
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

/// A figure seen from the side, facing `h` and `t` tall (`at`: a point of it in shares of
/// `t`): its coat through the six points `coat_at` in `coat`, and above it the head in profile,
/// its middle `head_x` across, with `hair`; an ink line round both (the walker's and the
/// buyer's, one drawing).
#[allow(clippy::too_many_arguments)]
fn side_coat_and_head(
    p: &Painter,
    at: &dyn Fn(f32, f32) -> Pos2,
    coat_at: [(f32, f32); 6],
    coat: Color32,
    head_x: f32,
    [h, t]: [f32; 2],
    hair: Color32,
    light: Light,
) {
    let line = ink(t * 0.45);
    let body: Vec<Pos2> = coat_at.iter().map(|&(x, y)| at(x, y)).collect();
    fill(p, body.clone(), coat);
    p.add(Shape::closed_line(body, line));
    profile_head(
        p,
        at(head_x, 0.11),
        vec2(0.062, 0.075) * t,
        h,
        hair,
        light,
        line,
    );
}

/// A finger pointed on from a hand at `hand` reached along from `elbow`, for a sleeve `w`
/// wide, its ink line as a figure `s` tall has (a fist raised read as waving).
pub(super) fn finger(p: &Painter, elbow: Pos2, hand: Pos2, w: f32, s: f32) {
    let d = (hand - elbow).normalized();
    // (As thick as a finger is beside the hand: thinner, pale and straight, it read as a
    // cigarette held out.)
    limb(
        p,
        &[hand + d * w * 0.3, hand + d * w * 0.85],
        w * 0.3,
        SKIN,
        ink(s),
    );
}

/// Three banknotes fanned like a hand of cards, `w` wide, their middle at `c`: each with its
/// pale border and the dark oval of its portrait (two flat blocks of colour read as a phone or
/// a card).
pub(super) fn banknotes(p: &Painter, c: Pos2, w: f32, line: Stroke) {
    let (hw, hh) = (w * 0.5, w * 0.21);
    for (turn, color) in [
        (-0.32f32, Color32::from_rgb(196, 176, 138)),
        (-0.08, Color32::from_rgb(150, 178, 146)),
        (0.16, Color32::from_rgb(152, 170, 196)),
    ] {
        let (sin, cos) = turn.sin_cos();
        // (Turned about a point below their middle, where the fingers hold them.)
        let pivot = c + vec2(0.0, hh * 1.6);
        let at = |x: f32, y: f32| {
            let v = vec2(x, y - hh * 1.6);
            pivot + vec2(v.x * cos - v.y * sin, v.x * sin + v.y * cos)
        };
        let corners = |k: f32| {
            vec![
                at(-hw * k, -hh * k),
                at(hw * k, -hh * k),
                at(hw * k, hh * k),
                at(-hw * k, hh * k),
            ]
        };
        p.add(Shape::convex_polygon(corners(1.0), color, line));
        p.add(Shape::closed_line(
            corners(0.72),
            Stroke::new(line.width * 0.6, color.lerp_to_gamma(Color32::WHITE, 0.55)),
        ));
        let oval = at(hw * 0.3, 0.0);
        p.add(Shape::Ellipse(egui::epaint::EllipseShape {
            center: oval,
            radius: vec2(hh * 0.42, hh * 0.5),
            fill: color.lerp_to_gamma(Color32::BLACK, 0.3),
            stroke: Stroke::NONE,
            angle: turn,
        }));
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
    // (Back at the hairline, close to the skin's colour and outlined: mid-cheek, in the
    // shade's colour, it read as a second eye or a blotch.)
    let ear = head + vec2(-h * hr.x * 0.3, hr.y * 0.1);
    let ear_r = vec2(hr.x * 0.11, hr.y * 0.17);
    ellipse(
        p,
        ear,
        ear_r,
        skin.lerp_to_gamma(light.tint(SKIN_SHADE), 0.3),
    );
    p.add(Shape::ellipse_stroke(
        ear,
        ear_r,
        Stroke::new(line.width * 0.7, INK),
    ));
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

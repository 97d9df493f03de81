//! Faces: the eyes, brows and mouth as the moment shows them, the ears and nose, the hair,
//! and the light and shade on a head (split from people.rs).

use super::*;

/// The eyes, brows and mouth of a face at `head_c` (radii `head_r`, portrait size `s`) as
/// `mood` shows it; `shade` is the mouth's colour.
pub(super) fn face_features(
    p: &Painter,
    head_c: Pos2,
    head_r: egui::Vec2,
    s: f32,
    mood: Mood,
    shade: Color32,
) {
    let ink = Color32::from_rgb(40, 34, 30);
    let line = |w: f32| Stroke::new((w * s).max(1.0), ink);
    let ey = head_c.y + head_r.y * 0.12;
    ears_and_nose(p, head_c, head_r, s, shade);
    for side in [-1.0f32, 1.0] {
        let e = pos2(head_c.x + side * 0.4 * head_r.x, ey);
        eye(p, e, s, mood, ink);
        // Brows: raised and tilted up at the middle in fear, level and low when tired or
        // ashamed; a calm arch on a calm face (thinner, below).
        let by = ey - head_r.y * 0.3;
        let (inner, outer) = match mood {
            Mood::Afraid => (-0.05 * s, -0.02 * s),
            Mood::Ashamed => (-0.01 * s, 0.008 * s),
            Mood::Tired => (0.006 * s, 0.006 * s),
            // Hunger: raised at the middle, a sad face, not a cross one.
            Mood::Hungry => (-0.03 * s, 0.006 * s),
            Mood::Stern => (0.01 * s, 0.004 * s),
            // Drawn down to the middle.
            Mood::Angry => (0.02 * s, -0.016 * s),
            Mood::Well | Mood::Relieved => (-0.004 * s, 0.0),
            Mood::Sick => continue,
        };
        let calm = matches!(mood, Mood::Well | Mood::Relieved);
        let x_in = head_c.x + side * 0.18 * head_r.x;
        let x_out = head_c.x + side * 0.62 * head_r.x;
        p.line_segment(
            [pos2(x_in, by + inner), pos2(x_out, by + outer)],
            line(if calm { 0.008 } else { 0.012 }),
        );
    }
    let my = head_c.y + head_r.y * 0.55;
    let half = 0.035 * s;
    match mood {
        // Lips pressed, a tense wavering line turned down (a round open "o" read as comic).
        Mood::Afraid => {
            let w = half * 0.9;
            p.add(Shape::line(
                vec![
                    pos2(head_c.x - w, my + 0.012 * s),
                    pos2(head_c.x - w * 0.4, my),
                    pos2(head_c.x + w * 0.2, my + 0.006 * s),
                    pos2(head_c.x + w, my + 0.014 * s),
                ],
                Stroke::new((0.011 * s).max(1.0), shade.gamma_multiply(0.7)),
            ));
        }
        // A smile, or the corners turned down.
        // (Hunger too: a flat mouth under heavy lids read as "unimpressed".)
        // (Well: a faint smile; a straight line read as four blank faces at a fed table.)
        Mood::Well | Mood::Relieved | Mood::Tired | Mood::Hungry | Mood::Ashamed | Mood::Angry => {
            let (a0, a1, dy) = match mood {
                Mood::Relieved => (0.35, 2.8, -0.02 * s),
                Mood::Well => (0.7, 2.45, -0.012 * s),
                _ => (3.5, 5.9, 0.03 * s),
            };
            p.add(Shape::line(
                arc(
                    pos2(head_c.x, my + dy),
                    vec2(half * 1.1, 0.022 * s),
                    a0,
                    a1,
                    8,
                ),
                Stroke::new((0.011 * s).max(1.0), shade.gamma_multiply(0.8)),
            ));
        }
        _ => {
            p.line_segment(
                [pos2(head_c.x - half, my), pos2(head_c.x + half, my)],
                Stroke::new((0.01 * s).max(1.0), shade.gamma_multiply(0.8)),
            );
        }
    }
    // (No flush in shame: round pink spots read as blushing with pleasure, faint brown ones
    // as bruises; her lowered eyes, sunk head and clasped hands say it.)
}

/// A fever's flush on the cheeks of the sick child in bed.
pub(super) fn flush() -> Color32 {
    Color32::from_rgba_unmultiplied(216, 98, 94, 52)
}

/// One eye at `e` (portrait size `s`) as `mood` shows it, in `ink`.
fn eye(p: &Painter, e: Pos2, s: f32, mood: Mood, ink: Color32) {
    let line = |w: f32| Stroke::new((w * s).max(1.0), ink);
    let w = 0.03 * s;
    match mood {
        // Large enough to be read: an eye, not a dot (the first class session's "faces
        // with two dots"); small, a dot still reads better than a smudge.
        Mood::Well | Mood::Stern | Mood::Angry if s >= OPEN_EYES => {
            open_eye(p, e, s, mood, ink);
        }
        Mood::Well | Mood::Stern | Mood::Angry => {
            p.circle_filled(e, 0.022 * s, ink);
        }
        // Wide, a little white showing, the eye turned aside toward whoever stops her (a
        // white ring round a centred dot read as comic surprise).
        Mood::Afraid => {
            p.circle_filled(e, 0.028 * s, EYE_WHITE);
            p.circle_filled(e - vec2(0.01 * s, 0.0), 0.019 * s, ink);
            if s >= OPEN_EYES {
                // The upper lid, lifted.
                p.add(Shape::line(
                    arc(e, vec2(0.031 * s, 0.031 * s), 3.5, 5.9, 8),
                    line(0.008),
                ));
            }
        }
        // Closed in a smile: an arc bowed upwards.
        Mood::Relieved => {
            p.add(Shape::line(
                arc(e + vec2(0.0, 0.012 * s), vec2(w, 0.02 * s), 3.4, 6.0, 6),
                line(0.011),
            ));
        }
        // Lids half down: the eye under a heavy line.
        Mood::Tired => lidded(p, e, s, ink, [0.014, 0.006, 0.016, 0.004, 0.014]),
        // Hunger: open, looking down, under a heavy lid.
        Mood::Hungry => lidded(p, e, s, ink, [0.018, 0.01, 0.017, 0.008, 0.01]),
        // Shame: open, looking down and away under a heavy lid (closed, with the flush, it
        // read as content).
        Mood::Ashamed => lidded(p, e, s, ink, [0.014, 0.013, 0.015, 0.01, 0.013]),
        // Closed for illness.
        Mood::Sick => {
            p.line_segment([e - vec2(w, 0.0), e + vec2(w, 0.0)], line(0.012));
        }
    }
}

/// An eye under a heavy lid at `e` (portrait size `s`), its measures as shares of `s`: what
/// the lid leaves of the white (its depth, drawn from 70 points up), the iris's drop and
/// radius, the lid's tilt and its line's weight.
fn lidded(p: &Painter, e: Pos2, s: f32, ink: Color32, [white, drop, iris, tilt, weight]: [f32; 5]) {
    let w = 0.03 * s;
    if s >= OPEN_EYES {
        fill(
            p,
            arc(e, vec2(w, white * s), 0.0, std::f32::consts::PI, 8),
            EYE_SHADED,
        );
    }
    p.circle_filled(e + vec2(0.0, drop * s), iris * s, ink);
    p.line_segment(
        [e - vec2(w, tilt * s), e + vec2(w, -tilt * s)],
        Stroke::new((weight * s).max(1.0), ink),
    );
}

/// From this portrait size up, a calm face's eyes are drawn open (white, iris, lid), below it
/// as dots.
const OPEN_EYES: f32 = 70.0;

/// The point of light in an eye.
const GLINT: Color32 = Color32::from_rgb(250, 250, 246);

/// The white of a calm eye, in its lid's shade (the full white shows only in fear).
pub(super) const EYE_SHADED: Color32 = Color32::from_rgb(226, 220, 210);

/// A calm eye at `e` (portrait size `s`): the almond's shaded white, the dark iris with a
/// point of light, the upper lid's line; narrower when stern or angry.
fn open_eye(p: &Painter, e: Pos2, s: f32, mood: Mood, ink: Color32) {
    let w = 0.034 * s;
    let h = match mood {
        Mood::Stern => 0.013,
        Mood::Angry => 0.012,
        _ => 0.016,
    } * s;
    ellipse(p, e, vec2(w, h), EYE_SHADED);
    let iris = h * 1.0;
    let c = e + vec2(0.0, 0.1 * h);
    p.circle_filled(c, iris, Color32::from_rgb(58, 40, 30));
    p.circle_filled(c, iris * 0.55, ink);
    if s >= 110.0 {
        p.circle_filled(c + vec2(-0.35, -0.35) * iris, iris * 0.24, GLINT);
    }
    p.add(Shape::line(
        arc(e, vec2(w * 1.08, h * 1.2), 3.3, 6.12, 10),
        Stroke::new((0.009 * s).max(1.0), ink),
    ));
}

/// The side of a head away from the light (the light from the upper left, as on the title):
/// a crescent down the right of the ellipse at `c` (radii `r`), `depth` of its width at the
/// middle, one mesh.
pub(super) fn shade_side(p: &Painter, c: Pos2, r: egui::Vec2, depth: f32, color: Color32) {
    let mut mesh = egui::Mesh::default();
    let n = 14;
    for i in 0..=n {
        let a = -1.35 + 2.7 * i as f32 / n as f32;
        let (x, y) = (a.cos() * 0.985, a.sin() * 0.985);
        mesh.colored_vertex(pos2(c.x + r.x * x, c.y + r.y * y), color);
        mesh.colored_vertex(
            pos2(c.x + r.x * x * (1.0 - depth * 2.0), c.y + r.y * y),
            color,
        );
        if i > 0 {
            let k = 2 * i as u32;
            mesh.add_triangle(k - 2, k - 1, k);
            mesh.add_triangle(k - 1, k + 1, k);
        }
    }
    p.add(Shape::mesh(mesh));
}

/// A sheen of light on hair at `c` (radii `r` of the head): a short arc at the upper left.
pub(super) fn hair_sheen(p: &Painter, c: Pos2, r: egui::Vec2, hair: Color32) {
    let light = hair.lerp_to_gamma(Color32::from_rgb(150, 140, 132), 0.32);
    p.add(Shape::line(
        arc(c - vec2(0.0, r.y * 0.1), r * 0.82, 3.8, 4.4, 6),
        Stroke::new((r.x * 0.09).max(1.0), light),
    ));
}

/// Ears at the sides of a head at `head_c` (radii `head_r`, portrait size `s`), level with the
/// eyes (the outer half only: the head's edge stays clean), and a nose's short shadow in
/// `shade`: a head, not a disc with dots.
fn ears_and_nose(p: &Painter, head_c: Pos2, head_r: egui::Vec2, s: f32, shade: Color32) {
    let ey = head_c.y + head_r.y * 0.12;
    let ear = shade.lerp_to_gamma(SKIN, 0.45);
    let half_pi = std::f32::consts::FRAC_PI_2;
    for (side, from) in [(1.0f32, -half_pi), (-1.0, half_pi)] {
        let c = pos2(head_c.x + side * head_r.x * 0.95, ey + 0.012 * s);
        fill(
            p,
            arc(c, vec2(0.032 * s, 0.05 * s), from, from + 2.0 * half_pi, 10),
            ear,
        );
    }
    let ny = ey + (head_r.y * 0.55 - head_r.y * 0.12) * 0.62;
    p.add(Shape::line(
        vec![
            pos2(head_c.x + 0.006 * s, ey + 0.035 * s),
            pos2(head_c.x + 0.014 * s, ny),
            pos2(head_c.x - 0.008 * s, ny + 0.006 * s),
        ],
        Stroke::new((0.009 * s).max(1.0), shade.gamma_multiply(0.75)),
    ));
}

/// Hair over the crown down to `reach` (the sine of the angle below the middle of the
/// head where it stops): a segment of an ellipse slightly larger than the head.
pub(super) fn hair_cap(p: &Painter, head_c: Pos2, head_r: egui::Vec2, reach: f32, color: Color32) {
    let a = reach.asin();
    fill(
        p,
        arc(
            head_c - vec2(0.0, head_r.y * 0.06),
            head_r * 1.08,
            std::f32::consts::PI - a,
            2.0 * std::f32::consts::PI + a,
            20,
        ),
        color,
    );
}

/// A woman's hair falling behind the head to the jaw, bobbed, drawn before the head (issue
/// 35: hair tied up on the crown read as a man's topknot): it shows either side of her face.
pub(super) fn hair_behind(
    p: &Painter,
    head_c: Pos2,
    head_r: egui::Vec2,
    color: Color32,
    line: Stroke,
) {
    let c = head_c - vec2(0.0, head_r.y * 0.04);
    let mut pts = arc(
        c,
        head_r * 1.16,
        std::f32::consts::PI,
        2.0 * std::f32::consts::PI,
        16,
    );
    pts.extend([
        pos2(head_c.x + head_r.x * 1.2, head_c.y + head_r.y * 0.55),
        pos2(head_c.x + head_r.x * 1.08, head_c.y + head_r.y * 0.8),
        pos2(head_c.x + head_r.x * 0.7, head_c.y + head_r.y * 0.86),
        pos2(head_c.x - head_r.x * 0.7, head_c.y + head_r.y * 0.86),
        pos2(head_c.x - head_r.x * 1.08, head_c.y + head_r.y * 0.8),
        pos2(head_c.x - head_r.x * 1.2, head_c.y + head_r.y * 0.55),
    ]);
    p.add(egui::Shape::convex_polygon(pts, color, line));
}

/// The white of an eye, shown only in fear.
pub(super) const EYE_WHITE: Color32 = Color32::from_rgb(240, 236, 228);

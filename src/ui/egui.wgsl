// egui's shader for Bevy (bevy_egui 0.42's render/egui.wgsl), made cheap per pixel: the
// sRGB decode of the vertex colour moves to the vertex stage, and the fragment stage only
// multiplies it with the texture (an sRGB texture, already linear when sampled). bevy_egui's
// own shader converts the texture to gamma and the product back to linear in every
// fragment: two `pow`s a channel, most of a frame on the software renderers (lavapipe,
// SwiftShader) a school machine falls back to. The result differs from it only where a
// partly covered pixel's colour is very dark (sRGB's linear toe), and in how a one-pixel
// anti-aliasing fringe blends (in linear rather than gamma space). Installed over
// bevy_egui's by `ui::install_egui_shader`.

struct Transform {
    scale: vec2<f32>,
    translation: vec2<f32>,
}

struct VertexInput {
    @location(0) position: vec2<f32>,
    @location(1) uv: vec2<f32>,
    @location(2) color: vec4<f32>,
}

struct VertexOutput {
    @builtin(position) position: vec4<f32>,
    @location(0) color: vec4<f32>,
    @location(1) uv: vec2<f32>,
}

@group(0) @binding(0) var<uniform> transform: Transform;

#ifdef BINDLESS
@group(1) @binding(0) var image_texture: binding_array<texture_2d<f32>>;
@group(1) @binding(1) var image_sampler: binding_array<sampler>;

struct BindlessOffset {
    offset: u32,
};
var<immediate> offset: BindlessOffset;

#else //BINDLESS
@group(1) @binding(0) var image_texture: texture_2d<f32>;
@group(1) @binding(1) var image_sampler: sampler;
#endif // BINDLESS

// 0-1 linear  from  0-1 sRGB gamma.
fn linear_from_gamma_rgb(srgb: vec3<f32>) -> vec3<f32> {
    let cutoff = srgb < vec3<f32>(0.04045);
    let lower = srgb / vec3<f32>(12.92);
    let higher = pow((srgb + vec3<f32>(0.055)) / vec3<f32>(1.055), vec3<f32>(2.4));
    return select(higher, lower, cutoff);
}

@vertex
fn vs_main(in: VertexInput) -> VertexOutput {
    let position = in.position * transform.scale + transform.translation;
#ifdef GAMMA_OUTPUT
    // A plain target (the browser's canvas, see vendor/bevy_render) is drawn in gamma
    // space: egui's premultiplied sRGB colours go to it as they are.
    let color = in.color;
#else
    // egui's colours are premultiplied sRGB: decoded here, once a vertex.
    let color = vec4<f32>(linear_from_gamma_rgb(in.color.rgb), in.color.a);
#endif
    return VertexOutput(vec4<f32>(position, 0.0, 1.0), color, in.uv);
}

@fragment
fn fs_main(in: VertexOutput) -> @location(0) vec4<f32> {
    #ifdef BINDLESS
    let image_texture = image_texture[offset.offset];
    let image_sampler = image_sampler[offset.offset];
    #endif
    // egui's solid shapes (panels, the map, the phone, lines) all sample the font atlas's
    // white texel at uv (0, 0): they skip the sample, most of the pixels a frame fills.
    if all(in.uv == vec2<f32>(0.0)) {
        return in.color;
    }
    // (No mipmaps in egui's textures: level 0 is what `textureSample` would read.)
    return textureSampleLevel(image_texture, image_sampler, in.uv, 0.0) * in.color;
}

"""What an SVG from content/ may contain: static drawing only (the allow-lists of sources/svg.py).

Left out on purpose: `script`, `foreignObject` (HTML inside SVG), `a` (links),
`image`/`feImage` (they load other files), animation elements (`animate`,
`set`, ... can rewrite an `href` to `javascript:`), SVG fonts and `cursor`
(external files), and every `on…` event attribute. References (`href`,
`xlink:href`, `url(…)`) may only point inside the file (`#id`).
"""

from __future__ import annotations

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XHTML_NS = "http://www.w3.org/1999/xhtml"

# Drawing editors store their own data in these namespaces; no renderer acts on it.
EDITOR_NAMESPACES = frozenset({
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://creativecommons.org/ns#",
    "http://purl.org/dc/elements/1.1/",
    "http://ns.adobe.com/AdobeIllustrator/10.0/",
    "http://ns.adobe.com/AdobeSVGViewerExtensions/3.0/",
    "http://ns.adobe.com/Extensibility/1.0/",
    "http://ns.adobe.com/Graphs/1.0/",
    "http://ns.adobe.com/SaveForWeb/1.0/",
    "http://ns.adobe.com/Variables/1.0/",
    "http://ns.adobe.com/ImageReplacement/1.0/",
    "http://ns.adobe.com/GenericCustomNamespace/1.0/",
    "http://ns.adobe.com/XPath/1.0/",
    "http://www.bohemiancoding.com/sketch/ns",
    "http://www.serif.com/",
})  # fmt: skip

ELEMENTS = frozenset({
    "svg", "g", "defs", "symbol", "use", "title", "desc", "metadata", "switch", "view", "style",
    "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
    "text", "tspan", "textPath",
    "clipPath", "mask", "pattern", "marker", "linearGradient", "radialGradient", "stop", "solidcolor",
    "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix",
    "feDiffuseLighting", "feDisplacementMap", "feDistantLight", "feDropShadow", "feFlood", "feFuncA",
    "feFuncB", "feFuncG", "feFuncR", "feGaussianBlur", "feMerge", "feMergeNode", "feMorphology",
    "feOffset", "fePointLight", "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence",
})  # fmt: skip

# Elements that run code or load other files: named in their own message.
SCRIPT_ELEMENTS = frozenset({"script", "foreignObject", "handler", "listener"})

ATTRIBUTES = frozenset({
    # core and accessibility
    "id", "class", "style", "lang", "tabindex", "role", "focusable", "systemLanguage", "requiredFeatures",
    "requiredExtensions", "externalResourcesRequired", "version", "baseProfile", "zoomAndPan",
    "contentStyleType", "media", "type", "title", "href",
    # presentation
    "alignment-baseline", "baseline-shift", "clip", "clip-path", "clip-rule", "color", "color-interpolation",
    "color-interpolation-filters", "color-profile", "color-rendering", "cursor", "direction", "display",
    "dominant-baseline", "enable-background", "fill", "fill-opacity", "fill-rule", "filter", "flood-color",
    "flood-opacity", "font", "font-family", "font-size", "font-size-adjust", "font-stretch", "font-style",
    "font-variant", "font-weight", "glyph-orientation-horizontal", "glyph-orientation-vertical",
    "image-rendering", "isolation", "kerning", "letter-spacing", "lighting-color", "marker", "marker-end",
    "marker-mid", "marker-start", "mask", "mask-type", "mix-blend-mode", "opacity", "overflow", "paint-order",
    "pointer-events", "shape-rendering", "solid-color", "solid-opacity", "stop-color", "stop-opacity", "stroke",
    "stroke-dasharray", "stroke-dashoffset", "stroke-linecap", "stroke-linejoin", "stroke-miterlimit",
    "stroke-opacity", "stroke-width", "text-anchor", "text-decoration", "text-overflow", "text-rendering",
    "transform", "transform-box", "transform-origin", "unicode-bidi", "vector-effect", "visibility",
    "white-space", "word-spacing", "writing-mode",
    # geometry and element settings
    "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "fr", "width", "height", "d",
    "points", "pathLength", "viewBox", "preserveAspectRatio", "gradientUnits", "gradientTransform",
    "spreadMethod", "patternUnits", "patternContentUnits", "patternTransform", "clipPathUnits", "maskUnits",
    "maskContentUnits", "markerUnits", "markerWidth", "markerHeight", "refX", "refY", "orient", "offset",
    "dx", "dy", "rotate", "textLength", "lengthAdjust", "startOffset", "method", "spacing", "side", "path",
    # filters
    "filterUnits", "primitiveUnits", "filterRes", "in", "in2", "result", "stdDeviation", "edgeMode", "mode",
    "operator", "k1", "k2", "k3", "k4", "values", "tableValues", "slope", "intercept", "amplitude",
    "exponent", "kernelMatrix", "order", "divisor", "bias", "targetX", "targetY", "preserveAlpha",
    "kernelUnitLength", "surfaceScale", "diffuseConstant", "specularConstant", "specularExponent", "scale",
    "xChannelSelector", "yChannelSelector", "radius", "baseFrequency", "numOctaves", "seed", "stitchTiles",
    "azimuth", "elevation", "pointsAtX", "pointsAtY", "pointsAtZ", "limitingConeAngle", "z",
})  # fmt: skip

XLINK_ATTRIBUTES = frozenset({"href", "title", "type", "role", "arcrole", "show", "actuate"})
XML_ATTRIBUTES = frozenset({"space", "lang"})  # not xml:base: it would move where references point
FREE_PREFIXES = ("data-", "aria-")  # inert by definition
REFERENCE_ATTRIBUTES = frozenset({"href"})  # in no namespace or xlink's

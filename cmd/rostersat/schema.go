package main

import (
	"encoding"
	"encoding/json"
	"reflect"
	"strings"

	"github.com/rostersat/rostersat/model"
)

// schemaOf is the JSON Schema (draft 2020-12) of a scenario type, made
// from the Go types and their JSON tags, so that it cannot drift from
// what the strict decoder accepts: every object refuses properties it
// does not list, and a field without omitempty or omitzero is required.
func schemaOf(v any, title string) ([]byte, error) {
	g := &schemaGen{defs: map[string]any{}}
	root := g.of(reflect.TypeOf(v))
	doc := map[string]any{
		"$schema": "https://json-schema.org/draft/2020-12/schema",
		"title":   title,
		"$defs":   g.defs,
	}
	for k, x := range root.(map[string]any) {
		doc[k] = x
	}
	return json.MarshalIndent(doc, "", "  ")
}

type schemaGen struct{ defs map[string]any }

var textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()

// enums are the string types whose values are a closed list.
var enums = map[reflect.Type][]string{
	reflect.TypeFor[model.AbsenceKind](): names(model.AbsenceKinds()),
	reflect.TypeFor[model.CaseKind]():    names(model.CaseKinds()),
	reflect.TypeFor[model.LevelKind]():   append(names(model.LevelKinds()), names(model.CaseLevelKinds())...),
}

func names[T ~string](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}

func (g *schemaGen) of(t reflect.Type) any {
	switch {
	case t == reflect.TypeFor[model.Date]():
		return map[string]any{"type": "string", "pattern": `^\d{4}-\d{2}-\d{2}$`, "description": "a date, YYYY-MM-DD"}
	case t == reflect.TypeFor[model.Weekday]():
		return map[string]any{"type": "string", "description": "a weekday in English or Swedish, any case: Friday, fredag"}
	case reflect.PointerTo(t).Implements(textUnmarshaler):
		return map[string]any{"type": "string"}
	}
	if e, ok := enums[t]; ok {
		return map[string]any{"type": "string", "enum": e}
	}
	switch t.Kind() {
	case reflect.Pointer:
		return g.of(t.Elem())
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int64, reflect.Int32:
		return map[string]any{"type": "integer"}
	case reflect.Float64, reflect.Float32:
		return map[string]any{"type": "number"}
	case reflect.Slice, reflect.Array:
		return map[string]any{"type": "array", "items": g.of(t.Elem())}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": g.of(t.Elem())}
	case reflect.Struct:
		name := t.Name()
		if _, done := g.defs[name]; !done {
			g.defs[name] = nil // a placeholder, for types that refer to themselves
			props := map[string]any{}
			var required []string
			for i := range t.NumField() {
				f := t.Field(i)
				key, ok := jsonName(f)
				if !ok {
					continue
				}
				_, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
				props[key] = g.of(f.Type)
				if !strings.Contains(opts, "omitempty") && !strings.Contains(opts, "omitzero") {
					required = append(required, key)
				}
			}
			def := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
			if len(required) > 0 {
				def["required"] = required
			}
			g.defs[name] = def
		}
		return map[string]any{"$ref": "#/$defs/" + name}
	}
	return map[string]any{}
}

// scenarioSchema is the schema of a rota scenario (model.Problem).
func scenarioSchema() ([]byte, error) {
	return schemaOf(model.Problem{}, "rostersat scenario (model.Problem)")
}

package model_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rostersat/rostersat/model"
)

func TestDecodeProblemNamesTheField(t *testing.T) {
	const ok = `{"period":{"start":"2024-01-01","end":"2024-03-31"},"staff":[{"id":"a"},{"id":"b"}],"rules":{"coverage":{"perDate":1}}}`
	tests := []struct {
		name, json, field, msg string
	}{
		{"unknown field", strings.Replace(ok, `"perDate"`, `"perDay"`, 1), "rules.coverage.perDay", "unknown field"},
		{"bad date", strings.Replace(ok, `"2024-01-01"`, `"0000-00-00"`, 1), "period.start", "YYYY-MM-DD"},
		{"bad date in a list", strings.Replace(ok, `{"id":"b"}`, `{"id":"b","start":"2024-13-01"}`, 1), "staff[1].start", "YYYY-MM-DD"},
		{"bad weekday", strings.Replace(ok, `"end":"2024-03-31"`, `"end":"2024-03-31","weekdays":["Friday","fridag"]`, 1), "period.weekdays[1]", "fredag"},
		{"wrong type", strings.Replace(ok, `"perDate":1`, `"perDate":"four"`, 1), "rules.coverage.perDate", "want int"},
		// The decoder names the field's name alone; the field is the
		// first it refuses, not the first key or text that matches.
		{"unknown field known elsewhere", strings.Replace(ok, `"perDate":1`, `"perDate":1,"id":"x"`, 1), "rules.coverage.id", "unknown field"},
		{"bad date a name also holds", `{"name":"2024-13-01",` + strings.Replace(ok[1:], `{"id":"b"}`, `{"id":"b","start":"2024-13-01"}`, 1), "staff[1].start", "YYYY-MM-DD"},
		{"more data", ok + ` {}`, "problem", "followed by more data"},
		{"broken JSON", strings.Replace(ok, `"staff":[`, `"staff":[,`, 1), "staff", "invalid"},
		{"cut short", ok[:40], "problem", "ends early"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := model.DecodeProblem(strings.NewReader(tt.json))
			require.Nil(t, p)
			var fe *model.FieldError
			require.True(t, errors.As(err, &fe), "%v", err)
			require.Equal(t, tt.field, fe.Field, "%v", err)
			require.Contains(t, err.Error(), tt.msg)
			require.Contains(t, err.Error(), "line 1, column")
		})
	}
}

func TestDecodeProblemReadsSwedishWeekdays(t *testing.T) {
	p, err := model.DecodeProblem(strings.NewReader(`{"period":{"start":"2024-01-01","end":"2024-01-31","weekdays":["fredag","Måndag"]},"staff":[{"id":"a","offWeekdays":["LÖRDAG"]}]}`))
	require.NoError(t, err)
	require.Equal(t, []model.Weekday{5, 1}, p.Period.Weekdays)
	require.Equal(t, []model.Weekday{6}, p.Staff[0].OffWeekdays)
}

func TestDecodeProblemLineAndColumn(t *testing.T) {
	_, err := model.DecodeProblem(strings.NewReader("{\n  \"period\": {\n    \"start\": \"2024-02-30\"\n  }\n}"))
	require.ErrorContains(t, err, `period.start = "2024-02-30"`)
	require.ErrorContains(t, err, "line 3, column 14")
}

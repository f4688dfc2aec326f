// The raw shape of pytest's JUnit XML (junit_family=xunit1) as fast-xml-parser returns it,
// kept apart from the domain types in manifest.ts. Attributes are prefixed with `@_`.

export interface RawJunitMessage {
  '@_message'?: string;
  '@_type'?: string;
  '#text'?: string;
}

export interface RawJunitTestCase {
  '@_classname'?: string;
  '@_name'?: string;
  '@_file'?: string;
  '@_line'?: string;
  '@_time'?: string;
  failure?: RawJunitMessage[];
  error?: RawJunitMessage[];
  skipped?: RawJunitMessage[];
}

export interface RawJunitSuite {
  '@_name'?: string;
  '@_tests'?: string;
  '@_errors'?: string;
  '@_failures'?: string;
  '@_skipped'?: string;
  testcase?: RawJunitTestCase[];
}

export interface RawJunitDocument {
  testsuites?: { testsuite?: RawJunitSuite[] };
  testsuite?: RawJunitSuite[];
}

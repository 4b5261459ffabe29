/** What every labelled field of a form is given, whatever it asks for. */
export interface LabelledField {
  id: string;
  /** The field's name in the form; the id when not given. */
  name?: string;
  label: string;
  hint?: string | undefined;
}

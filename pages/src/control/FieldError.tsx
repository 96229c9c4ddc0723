/** A field's problem, under it; the field names it in aria-describedby. */
export function FieldError(props: { id: string; message: string | undefined }) {
  if (!props.message) return null;
  return (
    <p id={props.id} className="field-error">
      {props.message}
    </p>
  );
}

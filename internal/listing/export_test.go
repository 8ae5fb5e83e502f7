package listing

// WithCaps returns req with its search request and object bounds set to
// requests and objects instead of MaxSearchRequests and MaxObjects, so that
// a test reaches them in a few requests.
func WithCaps(req Request, requests, objects int) Request {
	req.maxRequests, req.maxObjects = requests, objects
	return req
}

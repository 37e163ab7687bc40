export default definePageConfig({
  navigationBarTitleText: '社区心愿',
  enablePullDownRefresh: true,
})

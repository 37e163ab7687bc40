export default definePageConfig({
  navigationBarTitleText: '支部党员认领',
  enablePullDownRefresh: true,
})
